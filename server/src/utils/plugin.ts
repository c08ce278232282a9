import type { Core } from '@strapi/strapi';
import type { PluginConfig } from '../config';

export const PLUGIN_ID = 'email-campaigns';

/** Content-type UIDs, written once so a typo cannot hide in a query. */
export const UID = {
  subscriber: 'plugin::email-campaigns.subscriber',
  list: 'plugin::email-campaigns.list',
  form: 'plugin::email-campaigns.form',
  campaign: 'plugin::email-campaigns.campaign',
  delivery: 'plugin::email-campaigns.delivery',
  providerState: 'plugin::email-campaigns.provider-state',
} as const;

export function pluginConfig(strapi: Core.Strapi): PluginConfig {
  return strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;
}

/** The plugin's services, typed, so callers do not repeat the lookup string. */
export function service<T = any>(strapi: Core.Strapi, name: string): T {
  return strapi.plugin(PLUGIN_ID).service(name) as T;
}
