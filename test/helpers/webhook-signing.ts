/**
 * Signs webhook requests the way each provider does, with keys made for this test process, and
 * the `feedback` config that makes the test app accept them (EMAIL_CAMPAIGNS_FEEDBACK).
 * SNS signatures need a certificate: `openssl` makes a self-signed one, served by a local
 * certificate source the suite installs after boot (functions cannot travel through env JSON).
 */
import { execFileSync } from 'node:child_process';
import { createHmac, createPrivateKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type ProviderType = 'sendgrid' | 'ses' | 'mailgun' | 'postmark' | 'brevo';

/** What to send: the exact body bytes, headers and query string. */
export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
  query?: string;
}

const sendgridKeys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const MAILGUN_KEY = `mailgun-key-${randomBytes(8).toString('hex')}`;
const POSTMARK = { username: 'postmark', password: `pm-${randomBytes(8).toString('hex')}` };
const BREVO_TOKEN = `brevo-${randomBytes(12).toString('hex')}`;
export const SNS_TOPIC = 'arn:aws:sns:us-east-1:123456789012:email-campaigns-feedback';
export const SNS_CERT_URL = 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-test.pem';

let sns: { certificate: string; privateKey: KeyObject } | null = null;

/** The self-signed SNS identity, made once per process (valid two days from now). */
export function snsIdentity() {
  if (!sns) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sns-cert-'));
    const [keyFile, certFile] = [path.join(dir, 'sns.key'), path.join(dir, 'sns.pem')];
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
      '-subj', '/CN=sns.test', '-keyout', keyFile, '-out', certFile,
    ], { stdio: 'ignore' }); // prettier-ignore
    sns = { certificate: fs.readFileSync(certFile, 'utf8'), privateKey: createPrivateKey(fs.readFileSync(keyFile)) };
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return sns;
}

/** The `feedback` config of the test app: every provider type set up with this process's keys. */
export function feedbackConfig() {
  return {
    webhooks: {
      sendgrid: { publicKeys: [sendgridKeys.publicKey.export({ format: 'der', type: 'spki' }).toString('base64')] },
      ses: { topicArns: [SNS_TOPIC] },
      mailgun: { signingKeys: [MAILGUN_KEY] },
      postmark: { basicAuth: [POSTMARK] },
      brevo: { tokens: [BREVO_TOKEN] },
    },
  };
}

const seconds = (at: Date) => String(Math.floor(at.getTime() / 1000));

/** A SendGrid batch; a string is signed as the exact body. */
export function signSendgrid(
  events: object[] | string,
  at = new Date(),
  privateKey: KeyObject = sendgridKeys.privateKey,
): SignedRequest {
  const body = typeof events === 'string' ? events : JSON.stringify(events);
  const timestamp = seconds(at);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-twilio-email-event-webhook-timestamp': timestamp,
      'x-twilio-email-event-webhook-signature': sign('sha256', Buffer.from(timestamp + body), privateKey).toString(
        'base64',
      ),
    },
  };
}

/** An SNS Notification carrying one SES event, signed (SignatureVersion 2). */
export function signSns(
  fields: { Type?: string; Message: string; SubscribeURL?: string; Token?: string },
  at = new Date(),
  privateKey?: KeyObject,
): SignedRequest {
  const message: Record<string, string> = {
    Type: 'Notification',
    MessageId: randomBytes(16).toString('hex'),
    TopicArn: SNS_TOPIC,
    Timestamp: at.toISOString(),
    ...fields,
  };
  const names =
    message.Type === 'Notification'
      ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
      : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  const canonical = names
    .filter((name) => message[name] !== undefined)
    .map((name) => `${name}\n${message[name]}\n`)
    .join('');
  const signature = sign('sha256', Buffer.from(canonical), privateKey ?? snsIdentity().privateKey);
  return {
    // SNS posts JSON as text/plain.
    body: JSON.stringify({
      ...message,
      SignatureVersion: '2',
      Signature: signature.toString('base64'),
      SigningCertURL: SNS_CERT_URL,
    }),
    headers: { 'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': message.Type },
  };
}

export function signMailgun(eventData: object, at = new Date(), key = MAILGUN_KEY): SignedRequest {
  const timestamp = seconds(at);
  const token = randomBytes(25).toString('hex');
  const signature = createHmac('sha256', key)
    .update(timestamp + token)
    .digest('hex');
  return {
    body: JSON.stringify({ signature: { timestamp, token, signature }, 'event-data': eventData }),
    headers: { 'content-type': 'application/json' },
  };
}

export function signPostmark(record: object, password = POSTMARK.password): SignedRequest {
  const credentials = Buffer.from(`${POSTMARK.username}:${password}`).toString('base64');
  return {
    body: JSON.stringify(record),
    headers: { 'content-type': 'application/json', authorization: `Basic ${credentials}` },
  };
}

export function signBrevo(event: object, token = BREVO_TOKEN): SignedRequest {
  return {
    body: JSON.stringify(event),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  };
}
