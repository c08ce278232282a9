import { PLUGIN_ID } from '../pluginId';

/** Absolute in-admin paths of the plugin's pages. */
export const ROUTES = {
  overview: `/plugins/${PLUGIN_ID}`,
  campaigns: `/plugins/${PLUGIN_ID}/campaigns`,
  newCampaign: `/plugins/${PLUGIN_ID}/campaigns/new`,
  newCampaignFrom: (templateKey: string) =>
    `/plugins/${PLUGIN_ID}/campaigns/new?template=${encodeURIComponent(templateKey)}`,
  templates: `/plugins/${PLUGIN_ID}/templates`,
  campaign: (id: number) => `/plugins/${PLUGIN_ID}/campaigns/${id}`,
  report: (id: number) => `/plugins/${PLUGIN_ID}/campaigns/${id}/report`,
  subscribers: `/plugins/${PLUGIN_ID}/subscribers`,
  lists: `/plugins/${PLUGIN_ID}/lists`,
  forms: `/plugins/${PLUGIN_ID}/forms`,
  segments: `/plugins/${PLUGIN_ID}/segments`,
  series: `/plugins/${PLUGIN_ID}/series`,
  settings: `/settings/${PLUGIN_ID}/providers`,
};
