import audience from './audience';
import campaigns from './campaigns';
import overview from './overview';
import providers from './providers';
import settings from './settings';

export default {
  ...audience,
  campaigns,
  overview,
  providers,
  settings,
};
