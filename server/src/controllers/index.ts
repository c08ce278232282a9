import overview from './overview';
import providers from './providers';

export default {
  overview,
  providers,
};
