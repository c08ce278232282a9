import abTest from './ab-test';
import archive from './archive';
import attachments from './attachments';
import audience from './audience';
import bounceMailbox from './feedback/mailbox-poll';
import campaignMessages from './sending/campaign-messages';
import campaignStatus from './campaign-status';
import campaigns from './campaigns';
import clock from './clock';
import domainCheck from './deliverability';
import engagementReport from './engagement-report';
import entryContent from './content';
import events from './events';
import installation from './installation';
import feedback from './feedback/record';
import feedbackWebhooks from './feedback/webhook-intake';
import links from './links';
import nonces from './feedback/nonces';
import outbox from './sending/outbox';
import overview from './overview';
import providers from './providers';
import providerState from './sending/provider-state';
import publishRules from './publish-rules';
import publishTick from './publish-rules/rule-tick';
import quota from './sending/quota';
import reports from './reports';
import renderPool from './composing/render-pool';
import reputation from './feedback/reputation';
import scheduler from './sending/scheduler';
import segments from './segments';
import bulkActions from './segments/bulk-actions';
import sender from './sending';
import series from './series';
import seriesSteps from './series/due-steps';
import settings from './settings';
import templates from './templates';
import hitBuffer from './tracking/hit-buffer';
import trackingHits from './tracking/hits';
import transport from './sending/transport';
import trackedMail from './tracking/tracked-mail';

const services = {
  ...audience,
  abTest,
  archive,
  attachments,
  bounceMailbox,
  'campaign-messages': campaignMessages,
  campaignStatus,
  campaigns,
  clock,
  domainCheck,
  engagementReport,
  entryContent,
  events,
  installation,
  feedback,
  feedbackWebhooks,
  links,
  nonces,
  outbox,
  overview,
  providers,
  providerState,
  publishRules,
  publishTick,
  quota,
  renderPool,
  reports,
  reputation,
  scheduler,
  segments,
  bulkActions,
  sender,
  series,
  seriesSteps,
  settings,
  templates,
  hitBuffer,
  trackingHits,
  trackedMail,
  transport,
};

export default services;

/** Each service by name, as its factory builds it: the return type of getService(strapi, name). */
export type Services = { [Name in keyof typeof services]: ReturnType<(typeof services)[Name]> };
