import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type PluginConfig } from '../../server/src/config/defaults';
import { DEFAULT_FEEDBACK, type FeedbackConfig } from '../../server/src/config/feedback';
import { validateConfig } from '../../server/src/config/validate';

const withFeedback = (feedback: Partial<FeedbackConfig>): PluginConfig => ({
  ...DEFAULT_CONFIG,
  secret: 'a-secret-of-at-least-16-chars',
  publicUrl: 'https://example.com',
  providers: { main: { preset: 'gmail', auth: { user: 'u', pass: 'p' } } },
  feedback: { ...DEFAULT_FEEDBACK, ...feedback },
});

const sendgridKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  .publicKey.export({ type: 'spki', format: 'der' })
  .toString('base64');
const mailbox = { host: '127.0.0.1', port: 993, auth: { user: 'u', pass: 'p' }, intervalSeconds: 60 };

describe('validateConfig: feedback', () => {
  it('accepts the defaults and a configuration of every webhook and the mailbox', () => {
    expect(() => validateConfig(withFeedback({}))).not.toThrow();
    const webhooks = {
      sendgrid: { publicKeys: [sendgridKey] },
      ses: { topicArns: ['arn:aws:sns:eu-west-1:123456789012:bounces'] },
      mailgun: { signingKeys: ['key-1'] },
      postmark: { basicAuth: [{ username: 'hook', password: 'secret' }] },
      brevo: { tokens: ['token-1'] },
    };
    expect(() => validateConfig(withFeedback({ webhooks, bounceMailbox: mailbox }))).not.toThrow();
  });

  it.each([
    [{ webhookMaxBodyBytes: 0 }, /"feedback\.webhookMaxBodyBytes" is 0/],
    [{ webhooks: { sendgrid: { publicKeys: [] } } }, /"feedback\.webhooks\.sendgrid\.publicKeys" is not a list/],
    [
      { webhooks: { sendgrid: { publicKeys: ['bm90IGEga2V5'] } } },
      /"feedback\.webhooks\.sendgrid\.publicKeys\.0" is not an ECDSA public key/,
    ],
    [{ webhooks: { ses: { topicArns: [''] } } }, /"feedback\.webhooks\.ses\.topicArns" is not a list/],
    [{ webhooks: { mailgun: { signingKeys: 'key' } } }, /"feedback\.webhooks\.mailgun\.signingKeys" is not a list/],
    [{ webhooks: { brevo: { tokens: [] } } }, /"feedback\.webhooks\.brevo\.tokens" is not a list/],
    [{ webhooks: { postmark: {} } }, /"feedback\.webhooks\.postmark" has neither basicAuth nor secretHeader/],
    [{ softBounces: { limit: 0, windowDays: 15 } }, /"feedback\.softBounces\.limit" is 0/],
    [
      { breaker: { ...DEFAULT_FEEDBACK.breaker, bounceRate: 5 } },
      /"feedback\.breaker\.bounceRate" is 5\. Use a fraction/,
    ],
    [
      { breaker: { ...DEFAULT_FEEDBACK.breaker, complaintWarnRate: 0.01 } },
      /"feedback\.breaker\.complaintWarnRate" is above complaintPauseRate/,
    ],
    [{ bounceMailbox: { ...mailbox, host: '' } }, /"feedback\.bounceMailbox\.host" is missing/],
    [{ bounceMailbox: { ...mailbox, intervalSeconds: 10 } }, /"feedback\.bounceMailbox\.intervalSeconds" is 10/],
    [
      { bounceMailbox: { ...mailbox, verp: { localPart: 'a b', domain: 'x' } } },
      /"feedback\.bounceMailbox\.verp" is not/,
    ],
    [{ dns: { servers: [53], timeoutMs: 100 } }, /"feedback\.dns\.servers" is not a list of strings/],
  ])('rejects %j with a message naming the key', (feedback, message) => {
    expect(() => validateConfig(withFeedback(feedback as unknown as Partial<FeedbackConfig>))).toThrow(message);
  });
});
