import type { Core } from '@strapi/strapi';
import { ACTIONS, PLUGIN_ID } from './constants';

const DISPLAY_NAMES: Record<string, string> = {
  [ACTIONS.read]: 'Read campaigns, subscribers and reports',
  [ACTIONS.campaignsWrite]: 'Create and edit campaigns',
  [ACTIONS.campaignsSend]: 'Send, schedule, pause and cancel campaigns',
  [ACTIONS.subscribersWrite]: 'Manage subscribers, lists and forms',
  [ACTIONS.subscribersExport]: 'Export subscribers (CSV and personal data)',
  [ACTIONS.settings]: 'Manage providers and settings',
};

export function actionId(action: string) {
  return `plugin::${PLUGIN_ID}.${action}`;
}

export async function registerActions(strapi: Core.Strapi) {
  const actions = Object.values(ACTIONS).map((uid) => ({
    section: 'plugins',
    displayName: DISPLAY_NAMES[uid],
    uid,
    pluginName: PLUGIN_ID,
  }));
  await strapi.service('admin::permission').actionProvider.registerMany(actions);
}

/** The route config that lets only holders of `action` through. */
export function requires(action: string) {
  return { policies: [{ name: 'admin::hasPermissions', config: { actions: [actionId(action)] } }] };
}
