import audience from './audience';
import campaigns from './campaigns';
import composer from './composer';
import overview from './overview';
import providers from './providers';
import publishRules from './publish-rules';
import settings from './settings';
import templates from './templates';
import webhooks from './webhooks';

export default {
  ...audience,
  campaigns,
  composer,
  overview,
  providers,
  publishRules,
  settings,
  templates,
  webhooks,
};
