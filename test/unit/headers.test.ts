import { generateKeyPairSync } from 'node:crypto';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import {
  buildCampaignHeaders,
  confirmationHeaders,
  deliveryMessageId,
  dkimOptions,
} from '../../server/src/services/sending/headers';

describe('campaign headers', () => {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const longUrl = `https://news.example.com/api/email-campaigns/unsubscribe?token=${'a'.repeat(300)}`;

  function headerOptions(overrides: Partial<Parameters<typeof buildCampaignHeaders>[0]> = {}) {
    return {
      campaignId: 12,
      deliveryId: 3456,
      installationId: 'k3j5m2n4p6q7r8s9',
      listId: 'march.lists.example.com',
      unsubscribeUrl: longUrl,
      unsubscribeMailto: 'mailto:unsubscribe@example.com?subject=unsubscribe',
      messageIdDomain: 'news.example.com',
      ...overrides,
    };
  }

  async function rawHeaders(fields: object): Promise<string[]> {
    const info = await transport.sendMail({
      from: 'news@example.com',
      to: 'ada@example.com',
      subject: 'March news',
      text: 'Hello',
      ...fields,
    });
    const raw = (info.message as Buffer).toString();
    return raw.slice(0, raw.indexOf('\r\n\r\n')).split('\r\n');
  }

  it('writes List-Unsubscribe on one line, with the other list headers', async () => {
    const headers = await rawHeaders(buildCampaignHeaders(headerOptions()));
    expect(headers).toContain(`List-Unsubscribe: <${longUrl}>, <mailto:unsubscribe@example.com?subject=unsubscribe>`);
    expect(headers).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(headers).toContain('List-ID: <march.lists.example.com>');
    expect(headers).toContain('Precedence: bulk');
    expect(headers).toContain('Message-ID: <d3456.c12.k3j5m2n4p6q7r8s9@news.example.com>');
  });

  it('names the installation in every Message-ID, and the kind of mail', () => {
    const here = buildCampaignHeaders(headerOptions());
    const elsewhere = buildCampaignHeaders(headerOptions({ installationId: 'zzzzzzzzzzzzzzzz' }));
    expect(elsewhere.messageId).not.toBe(here.messageId);
    expect(buildCampaignHeaders(headerOptions({ test: true })).messageId).toBe(
      '<d3456.test.k3j5m2n4p6q7r8s9@news.example.com>',
    );
    const confirmation = { deliveryId: 7, kind: 'confirmation', installationId: 'abc', domain: 'news.example.com' };
    expect(deliveryMessageId(confirmation)).toBe('<d7.confirmation.abc@news.example.com>');
    expect(() => deliveryMessageId({ ...confirmation, installationId: 'a>b' })).toThrow(TypeError);
  });

  it('keeps the Message-ID of a delivery across re-sends', () => {
    const first = buildCampaignHeaders(headerOptions());
    const again = buildCampaignHeaders(headerOptions({ unsubscribeMailto: undefined }));
    const other = buildCampaignHeaders(headerOptions({ deliveryId: 3457 }));
    expect(again.messageId).toBe(first.messageId);
    expect(other.messageId).not.toBe(first.messageId);
  });

  it('accepts a configured List-Id with a name, and an https URL alone', async () => {
    const headers = await rawHeaders(
      buildCampaignHeaders(
        headerOptions({
          listId: 'March news <march.lists.example.com>',
          unsubscribeUrl: 'https://x.example/u',
          unsubscribeMailto: undefined,
        }),
      ),
    );
    expect(headers).toContain('List-ID: March news <march.lists.example.com>');
    expect(headers).toContain('List-Unsubscribe: <https://x.example/u>');
  });

  it('refuses URIs that could break out of the header', () => {
    for (const unsubscribeUrl of [
      'https://x.example/u\r\nBcc: victim@example.com',
      'https://x.example/u?a=b c',
      'https://x.example/u>,<https://evil.example',
      'javascript:alert(1)',
      `https://x.example/${'a'.repeat(1000)}`,
    ]) {
      expect(() => buildCampaignHeaders(headerOptions({ unsubscribeUrl }))).toThrow();
    }
    expect(() => buildCampaignHeaders(headerOptions({ unsubscribeMailto: 'https://not-a-mailto.example' }))).toThrow(
      TypeError,
    );
    expect(() => buildCampaignHeaders(headerOptions({ messageIdDomain: 'x>\r\nBcc: y' }))).toThrow(TypeError);
  });

  it('marks confirmation mails as auto-generated', async () => {
    const headers = await rawHeaders({ headers: confirmationHeaders() });
    expect(headers).toContain('Auto-Submitted: auto-generated');
  });

  it('signs both List-Unsubscribe headers with DKIM', async () => {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const headers = await rawHeaders({
      ...buildCampaignHeaders(headerOptions()),
      dkim: dkimOptions({ domainName: 'example.com', keySelector: 'news', privateKey }),
    });
    const signature = headers
      .slice(headers.findIndex((line) => line.startsWith('DKIM-Signature:')))
      .join('')
      .replace(/\s+/g, '');
    const signed = /;h=([^;]+);/.exec(signature)?.[1].split(':');
    expect(signed).toEqual(expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post', 'list-id', 'from']));
  });
});
