import audience from './audience';
import campaigns from './campaigns';
import composer from './composer';
import content from './content';
import engagement from './engagement';
import eventSettings from './event-settings';
import overview from './overview';
import providers from './providers';
import segments from './segments';
import series from './series';
import publishRules from './publish-rules';
import settings from './settings';
import templates from './templates';
import trackingHits from './tracking-hits';
import tokenApi from './token-api';
import webhooks from './webhooks';

export default {
  ...audience,
  ...tokenApi,
  campaigns,
  composer,
  content,
  engagement,
  eventSettings,
  overview,
  providers,
  segments,
  series,
  publishRules,
  settings,
  templates,
  trackingHits,
  webhooks,
};
