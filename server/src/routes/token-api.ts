/**
 * The content API for Strapi API tokens, under /api/email-campaigns/ beside the public routes.
 * Strapi's content-api authentication guards each route by its action
 * (`plugin::email-campaigns.<controller>.<action>`): read actions are named `find`/`findOne`, so
 * read-only tokens may call them; full-access tokens call all; custom tokens those ticked for them.
 * Users & Permissions roles hold none of these actions until an admin grants them (README).
 */
const route = (method: string, path: string, handler: string) => ({ method, path, handler, config: {} });

export default [
  route('GET', '/lists', 'apiLists.find'),
  route('GET', '/lists/:ref', 'apiLists.findOne'),
  route('GET', '/subscribers', 'apiSubscribers.find'),
  route('GET', '/subscribers/:id', 'apiSubscribers.findOne'),
  route('PUT', '/subscribers', 'apiSubscribers.upsert'),
  route('GET', '/campaigns', 'apiCampaigns.find'),
  route('GET', '/campaigns/:id', 'apiCampaigns.findOne'),
  route('POST', '/campaigns', 'apiCampaigns.create'),
  route('POST', '/campaigns/:id/schedule', 'apiCampaigns.schedule'),
];
