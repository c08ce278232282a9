import audience from './audience';
import campaigns from './campaigns';
import overview from './overview';
import providers from './providers';
import settings from './settings';
import templates from './templates';
import webhooks from './webhooks';

export default {
  ...audience,
  campaigns,
  overview,
  providers,
  settings,
  templates,
  webhooks,
};
