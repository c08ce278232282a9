import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { verifyDeliveryRef } from '../../server/src/services/feedback/delivery-ref';
import { deliveryReference } from '../../server/src/services/sending/delivery-reference';

const secret = 'test-secret-for-email-campaigns-0123456789';

describe('the delivery reference a campaign message carries', () => {
  it('travels in the header of the provider type, and verifies back to its delivery', () => {
    const { headers, returnPath } = deliveryReference({ preset: 'sendgrid' }, 41, { secret });
    const ref = JSON.parse(headers['X-SMTPAPI'].value).unique_args.ec_ref;
    expect(verifyDeliveryRef([secret], ref)).toBe(41);
    expect(returnPath).toBeUndefined();
    expect(Object.keys(deliveryReference({ preset: 'postmark' }, 41, { secret }).headers)).toEqual([
      'X-PM-Metadata-ec-ref',
    ]);
  });

  it('names the SES configuration set that publishes the tags', () => {
    const { headers } = deliveryReference({ preset: 'ses', sesConfigurationSet: 'ec-events' }, 9, { secret });
    expect(headers).toEqual({
      'X-SES-MESSAGE-TAGS': { prepared: true, value: expect.stringMatching(/^ec_ref=d9-[a-z2-7]{16}$/) },
      'X-SES-CONFIGURATION-SET': { prepared: true, value: 'ec-events' },
    });
  });

  it('writes JSON values as they are, never as encoded-words', async () => {
    const { headers } = deliveryReference({ preset: 'mailgun' }, 5, { secret });
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
    const info = await transport.sendMail({ from: 'a@example.test', to: 'b@example.test', text: 'x', headers });
    expect(info.message.toString()).toMatch(/^X-Mailgun-Variables: \{"ec_ref":"d5-[a-z2-7]{16}"\}\r$/m);
  });

  it('adds nothing for plain SMTP but the VERP return path, when one is set', () => {
    const plain = deliveryReference({ preset: 'custom' }, 12, {
      secret,
      verp: { localPart: 'bounces', domain: 'mail.example.test' },
    });
    expect(plain.headers).toEqual({});
    const [, ref] = /^bounces\+(.+)@mail\.example\.test$/.exec(plain.returnPath ?? '') ?? [];
    expect(verifyDeliveryRef([secret], ref)).toBe(12);
  });
});
