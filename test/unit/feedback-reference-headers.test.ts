import { describe, expect, it } from 'vitest';
import { PRESET_NAMES } from '../../server/src/config/presets';
import { REFERENCE_PROVIDERS, referenceHeaders } from '../../server/src/services/feedback/reference-headers';

const REF = 'd42-abcdefghijklmnop';

describe('reference headers', () => {
  it('writes the reference where each provider echoes it back', () => {
    expect(referenceHeaders('sendgrid', REF)).toEqual({ 'X-SMTPAPI': `{"unique_args":{"ec_ref":"${REF}"}}` });
    expect(referenceHeaders('mailgun', REF)).toEqual({ 'X-Mailgun-Variables': `{"ec_ref":"${REF}"}` });
    expect(referenceHeaders('postmark', REF)).toEqual({ 'X-PM-Metadata-ec-ref': REF });
    expect(referenceHeaders('brevo', REF)).toEqual({ 'X-Mailin-custom': `ec_ref:${REF}` });
    expect(referenceHeaders('ses', REF)).toEqual({ 'X-SES-MESSAGE-TAGS': `ec_ref=${REF}` });
  });

  it('adds nothing for a plain SMTP server', () => {
    expect(referenceHeaders('custom', REF)).toEqual({});
    expect(referenceHeaders('gmail', REF)).toEqual({});
  });

  it('refuses a value that could break a header or its JSON', () => {
    for (const bad of ['', 'a b', 'd1\r\nBcc: x@example.com', 'd1"}', 'd1.abc', 'x'.repeat(65)]) {
      expect(() => referenceHeaders('sendgrid', bad)).toThrow(RangeError);
    }
  });

  it('names only provider types the presets know', () => {
    expect(REFERENCE_PROVIDERS.filter((type) => !PRESET_NAMES.includes(type))).toEqual([]);
  });
});
