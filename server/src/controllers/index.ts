import audience from './audience';
import campaigns from './campaigns';
import overview from './overview';
import providers from './providers';

export default {
  ...audience,
  campaigns,
  overview,
  providers,
};
