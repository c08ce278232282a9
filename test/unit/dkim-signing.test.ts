import { generateKeyPairSync } from 'node:crypto';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type PluginConfig } from '../../server/src/config/defaults';
import { validateConfig } from '../../server/src/config/validate';
import { resolveProvider } from '../../server/src/services/providers';
import { dkimKeyStatus, inspectDkimKey } from '../../server/src/services/sending/dkim-key';
import { buildCampaignHeaders } from '../../server/src/services/sending/headers';
import { transportOptions } from '../../server/src/services/sending/transport';
import { generateDkimKey, verifyDkim } from '../helpers/dkim';

const key = generateDkimKey('news.example.test', 'ec2030');
const pem = (type: 'ed25519' | 'rsa', bits = 2048) =>
  (type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: bits }) : generateKeyPairSync('ed25519')).privateKey
    .export({ type: 'pkcs8', format: 'pem' })
    .toString();

/** One message through the transport options the sender's pool is built from, captured as bytes. */
async function signedMessage(headers: Record<string, unknown> = {}): Promise<Buffer> {
  const provider = resolveProvider('main', { host: '127.0.0.1', port: 25, dkim: key });
  const { dkim } = transportOptions(provider);
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true }, { dkim });
  const info = await transport.sendMail({
    from: 'News <news@news.example.test>',
    to: 'ada@example.test',
    subject: 'March news',
    html: '<p>Hello Ada</p>',
    text: 'Hello Ada',
    ...buildCampaignHeaders({
      campaignId: 3,
      deliveryId: 41,
      installationId: 'abcdefghijklmnop',
      listId: 'march.news.example.test',
      unsubscribeUrl: 'https://news.example.test/api/email-campaigns/unsubscribe?token=abc',
      messageIdDomain: 'news.example.test',
    }),
    ...headers,
  });
  return info.message as Buffer;
}

describe('DKIM signing', () => {
  it('gives the pool a key that signs, and a verifier passes the message', async () => {
    const raw = await signedMessage();
    const verdict = await verifyDkim(raw, [key]);
    expect(verdict).toMatchObject({ result: 'pass', signingDomain: 'news.example.test' });
    expect(verdict.signedHeaders).toEqual(
      expect.arrayContaining([
        'from',
        'to',
        'subject',
        'date',
        'message-id',
        'list-id',
        'list-unsubscribe',
        'list-unsubscribe-post',
      ]),
    );
  });

  it('fails once a byte of the body or the Subject changes after signing', async () => {
    const raw = (await signedMessage()).toString();
    expect(await verifyDkim(raw.replace('Hello Ada', 'Hello Eve'), [key])).toMatchObject({
      result: 'neutral',
      comment: 'body hash did not verify',
    });
    expect((await verifyDkim(raw.replace('Subject: March news', 'Subject: April news'), [key])).result).toBe('fail');
    expect((await verifyDkim(raw, [generateDkimKey('news.example.test', 'ec2030')])).result).toBe('fail');
  });

  it('leaves out the headers providers strip, so their removal keeps the signature valid', async () => {
    const raw = (await signedMessage({ headers: { 'X-SMTPAPI': '{"unique_args":{"ec_ref":"d1-x"}}' } })).toString();
    expect((await verifyDkim(raw, [key])).signedHeaders).not.toContain('x-smtpapi');
    expect((await verifyDkim(raw.replace(/^X-SMTPAPI:.*\r\n/m, ''), [key])).result).toBe('pass');
  });

  it('accepts RSA keys of 1024 bits and more, and says why it refuses any other', () => {
    expect(inspectDkimKey(key.privateKey)).toEqual({ ok: true, bits: 2048 });
    expect(inspectDkimKey(pem('rsa', 1024))).toEqual({ ok: true, bits: 1024 });
    expect(inspectDkimKey('-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----')).toMatchObject({
      ok: false,
      problem: 'does not parse as a PEM private key',
    });
    expect(inspectDkimKey(key.record)).toMatchObject({ ok: false });
    expect(inspectDkimKey(pem('ed25519'))).toMatchObject({ ok: false, problem: /ed25519 key.*RSA keys only/ });
    expect(inspectDkimKey(pem('rsa', 512))).toMatchObject({ ok: false, problem: /512 bits/ });
  });

  it('answers "Test connection" about the key without quoting it', () => {
    expect(dkimKeyStatus(key)).toEqual({
      ok: true,
      message:
        'The DKIM private key parses (RSA, 2048 bits); messages are signed for ec2030._domainkey.news.example.test.',
    });
    const broken = dkimKeyStatus({ ...key, privateKey: `${key.privateKey.slice(0, 200)}\n-----END PRIVATE KEY-----` });
    expect(broken.ok).toBe(false);
    expect(broken.message).toMatch(/^The DKIM private key does not parse as a PEM private key\./);
    expect(broken.message).not.toContain(key.privateKey.slice(40, 80));
  });

  it('lets a config with a good key boot', () => {
    const config: PluginConfig = {
      ...DEFAULT_CONFIG,
      secret: 'a-secret-of-at-least-16-chars',
      providers: { main: { preset: 'gmail', dkim: key } },
    };
    expect(() => validateConfig(config)).not.toThrow();
  });
});
