import type { SuiteContext } from './context';
import { campaignsApiSuite } from './campaigns-api';
import { foundationSuite } from './foundation';
import { senderSuite } from './sender';
import { publicApiSuite } from './public-api';
import { audienceSuite } from './audience';
import { senderFaultsSuite } from './sender-faults';
import { reputationSuite } from './reputation';
import { feedbackRulesSuite } from './feedback-rules';
import { feedbackWebhooksSuite } from './feedback-webhooks';
import { linksSuite } from './links';
import { providerSecretsSuite } from './provider-secrets';
import { racesSuite } from './races';
import { rateCountersSuite } from './rate-counters';
import { composingSuite } from './composing';
import { composerContentSuite } from './composer-content';
import { segmentsSuite } from './segments';
import { seriesSuite } from './series';
import { publishRecordsSuite } from './publish-records';
import { engagementReportSuite } from './engagement-report';
import { abTestSuite } from './ab-test';
import { archiveSuite } from './archive';

/** Every suite that runs once per database, sharing that database's Strapi boot. */
export const DATABASE_SUITES: Array<(ctx: SuiteContext) => void> = [
  foundationSuite,
  senderSuite,
  senderFaultsSuite,
  campaignsApiSuite,
  publicApiSuite,
  audienceSuite,
  reputationSuite,
  feedbackWebhooksSuite,
  feedbackRulesSuite,
  linksSuite,
  providerSecretsSuite,
  racesSuite,
  rateCountersSuite,
  composingSuite,
  composerContentSuite,
  segmentsSuite,
  seriesSuite,
  publishRecordsSuite,
  engagementReportSuite,
  abTestSuite,
  archiveSuite,
];
