import providers from './providers';
import overview from './overview';

export default {
  providers,
  overview,
};
