import audience from './audience';
import campaignMessages from './campaign-messages';
import campaigns from './campaigns';
import clock from './clock';
import links from './links';
import outbox from './outbox';
import overview from './overview';
import providers from './providers';
import quota from './quota';
import reports from './reports';
import scheduler from './scheduler';
import sender from './sender';
import settings from './settings';
import transport from './transport';

const services = {
  ...audience,
  'campaign-messages': campaignMessages,
  campaigns,
  clock,
  links,
  outbox,
  overview,
  providers,
  quota,
  reports,
  scheduler,
  sender,
  settings,
  transport,
};

export default services;

/** Each service by name, as its factory builds it: the return type of getService(strapi, name). */
export type Services = { [Name in keyof typeof services]: ReturnType<(typeof services)[Name]> };
