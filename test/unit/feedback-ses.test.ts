import { execFileSync } from 'node:child_process';
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse, verify } from '../../server/src/services/feedback/webhooks/ses';
import { isSnsUrl, type CertificateSource } from '../../server/src/services/feedback/webhooks/sns';
import {
  sesBounce,
  sesComplaint,
  sesDeliveryNotification,
  sesOpen,
  sesTransientBounce,
} from '../fixtures/feedback/ses';
import { webhookRequest } from '../helpers/webhook-request';

// Real time: the test certificate is valid from the moment it is made (just after this), for two days.
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000 + 5 * 60_000);
const SENT_AT = new Date(NOW.getTime() - 30_000).toISOString();
const hoursLater = (hours: number) => new Date(NOW.getTime() + hours * 3600_000);
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:email-campaigns-feedback';
const CERT_URL = 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef.pem';
const SUBSCRIBE_URL =
  'https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription' + `&TopicArn=${TOPIC}&Token=2336412f37`;

// The fields each type signs, in the order the SNS documentation gives; written out here
// rather than imported, so the test checks the implementation against the docs.
const SIGNED = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
  UnsubscribeConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
};

interface Identity {
  certificate: string;
  privateKey: KeyObject;
}

let dir: string;
let sns: Identity;
let stranger: Identity;

function makeIdentity(name: string): Identity {
  const keyFile = path.join(dir, `${name}.key`);
  const certFile = path.join(dir, `${name}.pem`);
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
    '-subj', `/CN=${name}`, '-keyout', keyFile, '-out', certFile,
  ], { stdio: 'ignore' }); // prettier-ignore
  return { certificate: fs.readFileSync(certFile, 'utf8'), privateKey: createPrivateKey(fs.readFileSync(keyFile)) };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sns-test-'));
  sns = makeIdentity('sns.test');
  stranger = makeIdentity('stranger.test');
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A certificate source that serves the local certificate and counts its calls. */
function localSource(identity: () => Identity = () => sns) {
  return vi.fn<CertificateSource>(async () => identity().certificate);
}

type MessageType = keyof typeof SIGNED;

function envelope(
  type: MessageType,
  fields: Record<string, string>,
  options: { version?: '1' | '2'; signer?: Identity; certUrl?: string } = {},
): Record<string, string> {
  const { version = '1', signer = sns, certUrl = CERT_URL } = options;
  const message: Record<string, string> = {
    Type: type,
    MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
    TopicArn: TOPIC,
    Timestamp: SENT_AT,
    ...fields,
  };
  const canonical = SIGNED[type]
    .filter((name) => message[name] !== undefined)
    .map((name) => `${name}\n${message[name]}\n`)
    .join('');
  const digest = version === '1' ? 'sha1' : 'sha256';
  return {
    ...message,
    SignatureVersion: version,
    Signature: sign(digest, Buffer.from(canonical), signer.privateKey).toString('base64'),
    SigningCertURL: certUrl,
    UnsubscribeURL: `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${TOPIC}:c9135db0`,
  };
}

function notification(event: object, options?: Parameters<typeof envelope>[2]) {
  return envelope('Notification', { Message: JSON.stringify(event) }, options);
}

function settings(certificateSource: CertificateSource = localSource()) {
  return { topicArns: [TOPIC], certificateSource };
}

const check = (body: object, config = settings(), now = NOW) => verify(webhookRequest(body), config, now);

describe('SES webhook verification (SNS message signatures)', () => {
  it('accepts a notification signed with SignatureVersion 1 (SHA1withRSA) and 2 (SHA256withRSA)', async () => {
    expect(await check(notification(sesBounce))).toEqual({
      ok: true,
      type: 'Notification',
      messageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
    });
    expect((await check(notification(sesBounce, { version: '2' }))).ok).toBe(true);
  });

  it('signs the Subject when the message has one', async () => {
    const body = envelope('Notification', { Message: 'Hello\r\nworld!', Subject: 'Greetings' });
    expect((await check(body)).ok).toBe(true);
    expect(await check({ ...body, Subject: 'Changed' })).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('reports a SubscriptionConfirmation with its SubscribeURL to visit', async () => {
    const body = envelope('SubscriptionConfirmation', {
      Message:
        `You have chosen to subscribe to the topic ${TOPIC}.\n` +
        'To confirm the subscription, visit the SubscribeURL included in this message.',
      SubscribeURL: SUBSCRIBE_URL,
      Token: '2336412f37',
    });
    expect(await check(body)).toEqual({
      ok: true,
      type: 'SubscriptionConfirmation',
      messageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
      subscribeUrl: SUBSCRIBE_URL,
    });
    expect(parse(webhookRequest(body).rawBody)).toEqual([]);
  });

  it('accepts an UnsubscribeConfirmation signed over its own field set', async () => {
    const body = envelope('UnsubscribeConfirmation', {
      Message: 'You have unsubscribed',
      SubscribeURL: SUBSCRIBE_URL,
      Token: '2336412f37',
    });
    expect((await check(body)).ok).toBe(true);
  });

  it('refuses a SubscribeURL outside the SNS hosts before fetching anything', async () => {
    const source = localSource();
    const body = envelope('SubscriptionConfirmation', {
      Message: 'confirm',
      SubscribeURL: 'https://attacker.example/?Action=ConfirmSubscription',
      Token: 't',
    });
    expect(await check(body, settings(source))).toEqual({ ok: false, reason: 'forbidden-subscribe-url' });
    expect(source).not.toHaveBeenCalled();
  });

  it('refuses a certificate URL on a foreign host without calling the certificate source', async () => {
    const foreign = [
      'https://attacker.example/SimpleNotificationService.pem',
      'http://sns.us-east-1.amazonaws.com/SimpleNotificationService.pem',
      'https://sns.us-east-1.amazonaws.com.attacker.example/cert.pem',
      'https://attacker.example/sns.us-east-1.amazonaws.com/cert.pem',
      'https://sns.us-east-1.amazonaws.com:8443/cert.pem',
      'https://user:pass@sns.us-east-1.amazonaws.com/cert.pem',
      'https://sns.us-east-1.amazonaws.com/not-a-certificate',
      'https://s3.amazonaws.com/cert.pem',
      'not a url',
    ];
    for (const certUrl of foreign) {
      const source = localSource();
      const body = notification(sesBounce, { certUrl });
      expect(await check(body, settings(source))).toEqual({ ok: false, reason: 'forbidden-certificate-url' });
      expect(source).not.toHaveBeenCalled();
    }
  });

  it('accepts the SNS hosts of every region, China included', () => {
    expect(isSnsUrl('https://sns.eu-west-3.amazonaws.com/x.pem')).toBe(true);
    expect(isSnsUrl('https://sns.cn-north-1.amazonaws.com.cn/x.pem')).toBe(true);
    expect(isSnsUrl('https://SNS.us-east-1.amazonaws.com/x.pem')).toBe(true); // URL lower-cases hosts
  });

  it('refuses a message from a topic that is not ours before fetching anything', async () => {
    const source = localSource();
    const body = notification(sesBounce);
    const config = { topicArns: ['arn:aws:sns:us-east-1:999999999999:someone-else'], certificateSource: source };
    expect(await check(body, config)).toEqual({ ok: false, reason: 'unexpected-topic' });
    expect(await check(body, { topicArns: [], certificateSource: source })).toEqual({
      ok: false,
      reason: 'not-configured',
    });
    expect(source).not.toHaveBeenCalled();
  });

  it('refuses a tampered message and a signature by another key', async () => {
    const body = notification(sesBounce);
    const tampered = { ...body, Message: body.Message.replace('Permanent', 'Transient') };
    expect(await check(tampered)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(await check({ ...body, MessageId: 'another-id' })).toEqual({ ok: false, reason: 'bad-signature' });
    expect(await check(notification(sesBounce, { signer: stranger }))).toEqual({ ok: false, reason: 'bad-signature' });
    // A v1 signature presented as v2 does not verify either.
    expect(await check({ ...body, SignatureVersion: '2' })).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses missing, unknown or malformed signing fields', async () => {
    const body = notification(sesBounce);
    const without = (name: string) => Object.fromEntries(Object.entries(body).filter(([key]) => key !== name));
    expect(await check(without('Signature'))).toEqual({ ok: false, reason: 'missing-signature' });
    expect(await check(without('TopicArn'))).toEqual({ ok: false, reason: 'malformed-body' });
    expect(await check(without('SigningCertURL'))).toEqual({ ok: false, reason: 'malformed-body' });
    expect(await check({ ...body, SignatureVersion: '3' })).toEqual({ ok: false, reason: 'malformed-body' });
    expect(await check({ ...body, Type: 'Unknown' })).toEqual({ ok: false, reason: 'malformed-body' });
    expect(await check({ ...body, Signature: '%%%' })).toEqual({ ok: false, reason: 'bad-signature' });
    expect(await verify(webhookRequest('{"Type":'), settings(), NOW)).toEqual({ ok: false, reason: 'malformed-body' });
  });

  it('refuses a message older than a day or from the future', async () => {
    const old = notification(sesBounce);
    expect(await check(old, settings(), hoursLater(24))).toEqual({
      ok: false,
      reason: 'stale-timestamp',
    });
    expect(await check(old, settings(), hoursLater(-1))).toEqual({
      ok: false,
      reason: 'stale-timestamp',
    });
    const config = { ...settings(), maxAgeSeconds: 2 * 86400 };
    expect((await check(old, config, hoursLater(24))).ok).toBe(true);
  });

  it('fetches each certificate once, and again after a failed fetch', async () => {
    const source = localSource();
    expect((await check(notification(sesBounce), settings(source))).ok).toBe(true);
    expect((await check(notification(sesComplaint), settings(source))).ok).toBe(true);
    expect(source).toHaveBeenCalledTimes(1);
    expect(source).toHaveBeenCalledWith(CERT_URL);

    let fail = true;
    const flaky = vi.fn<CertificateSource>(async () => {
      if (fail) throw new Error('connection reset');
      return sns.certificate;
    });
    expect(await check(notification(sesBounce), settings(flaky))).toEqual({
      ok: false,
      reason: 'certificate-unavailable',
    });
    fail = false;
    expect((await check(notification(sesBounce), settings(flaky))).ok).toBe(true);
    expect(flaky).toHaveBeenCalledTimes(2);
  });

  it('refuses a certificate that is not PEM or no longer valid', async () => {
    const junk = vi.fn<CertificateSource>(async () => 'not a certificate');
    expect(await check(notification(sesBounce), settings(junk))).toEqual({
      ok: false,
      reason: 'certificate-unavailable',
    });
    const later = hoursLater(72);
    const resigned = envelope('Notification', { Message: 'hello', Timestamp: later.toISOString() });
    expect(await check(resigned, settings(), later)).toEqual({ ok: false, reason: 'certificate-unavailable' });
  });
});

describe('SES event parsing', () => {
  const events = (event: object, messageId = 'sns-message-1') =>
    parse(Buffer.from(JSON.stringify({ ...notification(event), MessageId: messageId })), NOW);

  it('maps a permanent bounce to a hard bounce with its reference, Message-ID and status', () => {
    expect(events(sesBounce)).toEqual([
      {
        kind: 'bounce_hard',
        source: 'webhook:ses',
        externalId: 'sns-message-1:0',
        occurredAt: new Date('2017-08-05T00:41:02.669Z'),
        deliveryRef: 'd42-abcdefghijklmnop',
        messageId: 'd42.c7.abc@news.example.com',
        email: 'recipient@example.com',
        code: '5.1.1',
        detail: 'smtp; 550 5.1.1 user unknown',
      },
    ]);
  });

  it('maps a transient bounce to a soft one and a complaint to a complaint', () => {
    expect(events(sesTransientBounce).map((e) => e.kind)).toEqual(['bounce_soft']);
    expect(events(sesComplaint)).toMatchObject([
      { kind: 'complaint', email: 'recipient@example.com', detail: 'abuse', deliveryRef: 'd42-abcdefghijklmnop' },
    ]);
  });

  it('gives each recipient of a delivery its own event, and reads identity notifications', () => {
    expect(events(sesDeliveryNotification)).toMatchObject([
      { kind: 'delivered', externalId: 'sns-message-1:0', email: 'first@example.com', deliveryRef: null },
      { kind: 'delivered', externalId: 'sns-message-1:1', email: 'second@example.com' },
    ]);
    // Without commonHeaders, the Message-ID comes from the original headers.
    expect(events(sesDeliveryNotification)[0].messageId).toBe('d42.c7.abc@news.example.com');
  });

  it("ignores opens, SES's plain-text setup message and confirmations", () => {
    expect(events(sesOpen)).toEqual([]);
    const setup = envelope('Notification', {
      Message: 'Successfully validated SNS topic for Amazon SES event destination.',
    });
    expect(parse(Buffer.from(JSON.stringify(setup)))).toEqual([]);
  });

  it('throws a clear error on a body that is not an SNS message', () => {
    expect(() => parse(Buffer.from('<xml/>'))).toThrow(/ses webhook: the body is not JSON/);
    expect(() => parse(Buffer.from('[]'))).toThrow(/not an SNS message/);
  });
});
