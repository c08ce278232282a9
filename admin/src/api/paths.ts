import { PLUGIN_ID } from '../pluginId';

/** Admin API paths of the plugin, relative to the admin's backend URL. */
export const api = (path: string) => `/${PLUGIN_ID}${path}`;
