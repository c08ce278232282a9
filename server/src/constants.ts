/**
 * Names fixed by the plugin's schemas and its RBAC registration, written once so a typo cannot
 * hide in a query. The tests import this module too. See docs/architecture.md, "Data model".
 */
export const PLUGIN_ID = 'email-campaigns';

/** Content-type UIDs. */
export const UID = {
  subscriber: 'plugin::email-campaigns.subscriber',
  list: 'plugin::email-campaigns.list',
  form: 'plugin::email-campaigns.form',
  campaign: 'plugin::email-campaigns.campaign',
  delivery: 'plugin::email-campaigns.delivery',
  providerState: 'plugin::email-campaigns.provider-state',
  subscriberEvent: 'plugin::email-campaigns.subscriber-event',
  suppression: 'plugin::email-campaigns.suppression',
  importJob: 'plugin::email-campaigns.import-job',
  deliveryEvent: 'plugin::email-campaigns.delivery-event',
  nonce: 'plugin::email-campaigns.nonce',
  rateCount: 'plugin::email-campaigns.rate-count',
  template: 'plugin::email-campaigns.template',
  segment: 'plugin::email-campaigns.segment',
  series: 'plugin::email-campaigns.series',
  seriesEnrollment: 'plugin::email-campaigns.series-enrollment',
  publishRule: 'plugin::email-campaigns.publish-rule',
  publishRecord: 'plugin::email-campaigns.publish-record',
  campaignLink: 'plugin::email-campaigns.campaign-link',
} as const;

/** Table names, fixed by the collectionName of each schema. */
export const TABLES = {
  subscribers: 'email_campaigns_subscribers',
  lists: 'email_campaigns_lists',
  forms: 'email_campaigns_forms',
  campaigns: 'email_campaigns_campaigns',
  deliveries: 'email_campaigns_deliveries',
  providerStates: 'email_campaigns_provider_states',
  subscriberEvents: 'email_campaigns_subscriber_events',
  suppressions: 'email_campaigns_suppressions',
  importJobs: 'email_campaigns_import_jobs',
  deliveryEvents: 'email_campaigns_delivery_events',
  nonces: 'email_campaigns_nonces',
  rateCounts: 'email_campaigns_rate_counts',
  templates: 'email_campaigns_templates',
  segments: 'email_campaigns_segments',
  series: 'email_campaigns_series',
  seriesEnrollments: 'email_campaigns_series_enrollments',
  publishRules: 'email_campaigns_publish_rules',
  publishRecords: 'email_campaigns_publish_records',
  campaignLinks: 'email_campaigns_campaign_links',
  // Join tables that Strapi names after the relation attribute.
  subscriberLists: 'email_campaigns_subscribers_lists_lnk',
  campaignLists: 'email_campaigns_campaigns_lists_lnk',
  campaignSegments: 'email_campaigns_campaigns_segments_lnk',
  formLists: 'email_campaigns_forms_lists_lnk',
} as const;

/** RBAC actions; admin routes name them through `admin::hasPermissions`. */
export const ACTIONS = {
  read: 'read',
  campaignsWrite: 'campaigns.write',
  campaignsSend: 'campaigns.send',
  subscribersWrite: 'subscribers.write',
  /** Exports (CSV, and a person's data): their own action, so `read` alone never takes the list away. */
  subscribersExport: 'subscribers.export',
  settings: 'settings',
} as const;

/**
 * The plugin's events for Strapi webhooks (services/events/): the key each is registered under in
 * Strapi's webhook store, and the name a webhook subscribes to and the runner posts.
 */
export const PLUGIN_EVENTS = {
  EMAIL_CAMPAIGNS_SUBSCRIBER_CREATED: 'email-campaigns.subscriber.created',
  EMAIL_CAMPAIGNS_SUBSCRIBER_CONFIRMED: 'email-campaigns.subscriber.confirmed',
  EMAIL_CAMPAIGNS_SUBSCRIBER_UNSUBSCRIBED: 'email-campaigns.subscriber.unsubscribed',
  EMAIL_CAMPAIGNS_SUBSCRIBER_BOUNCED: 'email-campaigns.subscriber.bounced',
  EMAIL_CAMPAIGNS_SUBSCRIBER_COMPLAINED: 'email-campaigns.subscriber.complained',
  EMAIL_CAMPAIGNS_CAMPAIGN_STARTED: 'email-campaigns.campaign.started',
  EMAIL_CAMPAIGNS_CAMPAIGN_FINISHED: 'email-campaigns.campaign.finished',
  EMAIL_CAMPAIGNS_CAMPAIGN_PAUSED: 'email-campaigns.campaign.paused',
} as const;
