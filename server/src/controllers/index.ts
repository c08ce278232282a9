import audience from './audience';
import campaigns from './campaigns';
import overview from './overview';
import providers from './providers';
import settings from './settings';
import webhooks from './webhooks';

export default {
  ...audience,
  campaigns,
  overview,
  providers,
  settings,
  webhooks,
};
