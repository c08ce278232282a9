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

export default {
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
