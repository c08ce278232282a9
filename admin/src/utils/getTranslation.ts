import { PLUGIN_ID } from '../pluginId';

/** Translation keys are namespaced by the plugin id, as Strapi's registerTrads expects. */
export const getTranslation = (id: string) => `${PLUGIN_ID}.${id}`;
