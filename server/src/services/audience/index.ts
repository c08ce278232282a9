import apiSubscribers from './api-subscribers';
import captcha from './captcha';
import confirmations from './confirmations';
import deliveryFeedback from './delivery-feedback';
import forms from './forms';
import imports from './imports';
import lists from './lists';
import preferences from './preferences';
import privacy from './privacy';
import rateLimits from './rate-limits';
import subscriberEvents from './subscriber-events';
import subscriberExport from './subscriber-export';
import subscribers from './subscribers';
import subscriptions from './subscriptions';
import suppressions from './suppressions';

/** Services of subscribers, lists, forms and the public API, spread into the plugin's services. */
export default {
  apiSubscribers,
  captcha,
  confirmations,
  deliveryFeedback,
  forms,
  imports,
  lists,
  preferences,
  privacy,
  rateLimits,
  subscriberEvents,
  subscriberExport,
  subscribers,
  subscriptions,
  suppressions,
};
