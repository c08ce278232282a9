import { PLUGIN_ID } from './pluginId';

const action = (name: string) => [{ action: `plugin::${PLUGIN_ID}.${name}`, subject: null }];

export const PERMISSIONS = {
  read: action('read'),
  campaignsWrite: action('campaigns.write'),
  campaignsSend: action('campaigns.send'),
  subscribersWrite: action('subscribers.write'),
  subscribersExport: action('subscribers.export'),
  settings: action('settings'),
};
