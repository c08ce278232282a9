import providers from './providers';
import overview from './overview';
import transport from './transport';

export default {
  providers,
  overview,
  transport,
};
