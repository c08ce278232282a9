import audience from './audience';
import campaigns from './campaigns';
import composer from './composer';
import eventSettings from './event-settings';
import overview from './overview';
import providers from './providers';
import settings from './settings';
import templates from './templates';
import tokenApi from './token-api';
import webhooks from './webhooks';

export default {
  ...audience,
  ...tokenApi,
  campaigns,
  composer,
  eventSettings,
  overview,
  providers,
  settings,
  templates,
  webhooks,
};
