import subscriber from './subscriber/schema.json';
import list from './list/schema.json';
import form from './form/schema.json';
import campaign from './campaign/schema.json';
import delivery from './delivery/schema.json';
import providerState from './provider-state/schema.json';

export default {
  subscriber: { schema: subscriber },
  list: { schema: list },
  form: { schema: form },
  campaign: { schema: campaign },
  delivery: { schema: delivery },
  'provider-state': { schema: providerState },
};
