import subscriber from './subscriber/schema.json';
import subscriberEvent from './subscriber-event/schema.json';
import suppression from './suppression/schema.json';
import list from './list/schema.json';
import form from './form/schema.json';
import campaign from './campaign/schema.json';
import delivery from './delivery/schema.json';
import providerState from './provider-state/schema.json';
import importJob from './import-job/schema.json';
import deliveryEvent from './delivery-event/schema.json';
import nonce from './nonce/schema.json';
import rateCount from './rate-count/schema.json';
import template from './template/schema.json';
import segment from './segment/schema.json';
import series from './series/schema.json';
import seriesEnrollment from './series-enrollment/schema.json';
import publishRule from './publish-rule/schema.json';
import publishRecord from './publish-record/schema.json';
import campaignLink from './campaign-link/schema.json';

export default {
  subscriber: { schema: subscriber },
  'subscriber-event': { schema: subscriberEvent },
  suppression: { schema: suppression },
  list: { schema: list },
  form: { schema: form },
  campaign: { schema: campaign },
  delivery: { schema: delivery },
  'provider-state': { schema: providerState },
  'import-job': { schema: importJob },
  'delivery-event': { schema: deliveryEvent },
  nonce: { schema: nonce },
  'rate-count': { schema: rateCount },
  template: { schema: template },
  segment: { schema: segment },
  series: { schema: series },
  'series-enrollment': { schema: seriesEnrollment },
  'publish-rule': { schema: publishRule },
  'publish-record': { schema: publishRecord },
  'campaign-link': { schema: campaignLink },
};
