import bodyLimit from './body-limit';
import publicHeaders from './public-headers';
import rateLimit from './rate-limit';

export default {
  'body-limit': bodyLimit,
  'public-headers': publicHeaders,
  'rate-limit': rateLimit,
};
