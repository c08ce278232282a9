import { parsePublicKey } from '../services/feedback/webhooks/sendgrid';
import type { FeedbackConfig } from './feedback';
import { ConfigError } from './config-error';

const isPositiveInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0;
const isRate = (value: unknown): value is number => typeof value === 'number' && value > 0 && value < 1;

function nonEmptyStrings(key: string, value: unknown, what: string) {
  if (!Array.isArray(value) || value.length === 0 || value.some((item) => typeof item !== 'string' || !item)) {
    throw new ConfigError(key, 'is not a list of non-empty strings', `Give it ${what}, as a list.`);
  }
}

function validateWebhooks(webhooks: FeedbackConfig['webhooks']) {
  const { sendgrid, ses, mailgun, postmark, brevo } = webhooks;
  if (sendgrid) {
    nonEmptyStrings(
      'feedback.webhooks.sendgrid.publicKeys',
      sendgrid.publicKeys,
      'the verification key SendGrid shows',
    );
    sendgrid.publicKeys.forEach((key, index) => {
      try {
        parsePublicKey(key);
      } catch {
        throw new ConfigError(
          `feedback.webhooks.sendgrid.publicKeys.${index}`,
          'is not an ECDSA public key',
          'Copy the "Verification Key" from SendGrid\'s Mail Settings → Signed Event Webhook.',
        );
      }
    });
  }
  if (ses)
    nonEmptyStrings('feedback.webhooks.ses.topicArns', ses.topicArns, 'the ARN of each SNS topic you subscribed');
  if (mailgun)
    nonEmptyStrings('feedback.webhooks.mailgun.signingKeys', mailgun.signingKeys, 'the HTTP webhook signing key');
  if (brevo) nonEmptyStrings('feedback.webhooks.brevo.tokens', brevo.tokens, 'the token put in the webhook URL');
  if (postmark && !postmark.basicAuth?.length && !postmark.secretHeader) {
    throw new ConfigError(
      'feedback.webhooks.postmark',
      'has neither basicAuth nor secretHeader',
      'Set the credentials you put in the webhook URL, or a secret header, so forged posts are refused.',
    );
  }
}

/** Throws a ConfigError naming the first feedback key that is wrong. */
export function validateFeedback(feedback: FeedbackConfig) {
  if (!isPositiveInteger(feedback.webhookMaxBodyBytes)) {
    throw new ConfigError(
      'feedback.webhookMaxBodyBytes',
      `is ${JSON.stringify(feedback.webhookMaxBodyBytes)}`,
      'Use a number of bytes, e.g. 5242880.',
    );
  }
  validateWebhooks(feedback.webhooks ?? {});
  for (const key of ['limit', 'windowDays'] as const) {
    if (!isPositiveInteger(feedback.softBounces[key])) {
      throw new ConfigError(
        `feedback.softBounces.${key}`,
        `is ${JSON.stringify(feedback.softBounces[key])}`,
        'Use a whole number of at least 1.',
      );
    }
  }
  const { breaker } = feedback;
  for (const key of ['minSends', 'bounceWindow', 'complaintWindow', 'complaintDays'] as const) {
    if (!isPositiveInteger(breaker[key])) {
      throw new ConfigError(
        `feedback.breaker.${key}`,
        `is ${JSON.stringify(breaker[key])}`,
        'Use a whole number of at least 1.',
      );
    }
  }
  for (const key of ['bounceRate', 'complaintWarnRate', 'complaintPauseRate'] as const) {
    if (!isRate(breaker[key])) {
      throw new ConfigError(
        `feedback.breaker.${key}`,
        `is ${JSON.stringify(breaker[key])}`,
        'Use a fraction between 0 and 1, e.g. 0.003 for 0.3 %.',
      );
    }
  }
  if (breaker.complaintWarnRate > breaker.complaintPauseRate) {
    throw new ConfigError(
      'feedback.breaker.complaintWarnRate',
      'is above complaintPauseRate',
      'Warn at a lower rate than the one that pauses.',
    );
  }
  const mailbox = feedback.bounceMailbox;
  if (mailbox !== false) {
    if (typeof mailbox?.host !== 'string' || !mailbox.host) {
      throw new ConfigError('feedback.bounceMailbox.host', 'is missing', 'Set the IMAP host, or bounceMailbox: false.');
    }
    if (!isPositiveInteger(mailbox.port) || mailbox.port > 65535) {
      throw new ConfigError(
        'feedback.bounceMailbox.port',
        `is ${JSON.stringify(mailbox.port)}`,
        'Use the IMAP port, usually 993.',
      );
    }
    if (typeof mailbox.auth?.user !== 'string' || typeof mailbox.auth?.pass !== 'string') {
      throw new ConfigError('feedback.bounceMailbox.auth', 'is missing', 'Give it { user, pass } of the mailbox.');
    }
    if (!isPositiveInteger(mailbox.intervalSeconds) || mailbox.intervalSeconds < 60) {
      throw new ConfigError(
        'feedback.bounceMailbox.intervalSeconds',
        `is ${JSON.stringify(mailbox.intervalSeconds)}`,
        'Use 60 or more: a mailbox is read at most once a minute.',
      );
    }
    if (
      mailbox.verp &&
      !(/^[a-z0-9._-]{1,32}$/i.test(mailbox.verp.localPart) && /^[a-z0-9.-]+$/i.test(mailbox.verp.domain))
    ) {
      throw new ConfigError(
        'feedback.bounceMailbox.verp',
        'is not { localPart, domain }',
        'e.g. { localPart: "bounces", domain: "example.com" }.',
      );
    }
  }
  if (!Array.isArray(feedback.dns.servers) || feedback.dns.servers.some((server) => typeof server !== 'string')) {
    throw new ConfigError(
      'feedback.dns.servers',
      'is not a list of strings',
      'e.g. ["1.1.1.1", "127.0.0.1:5353"], or [] for the system resolver.',
    );
  }
  if (!isPositiveInteger(feedback.dns.timeoutMs)) {
    throw new ConfigError(
      'feedback.dns.timeoutMs',
      `is ${JSON.stringify(feedback.dns.timeoutMs)}`,
      'Use milliseconds, e.g. 5000.',
    );
  }
}
