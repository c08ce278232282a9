import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type PluginConfig } from '../../server/src/config/defaults';
import { validateConfig } from '../../server/src/config/validate';
import { resolveProvider } from '../../server/src/services/providers';
import { transportOptions } from '../../server/src/services/sending/transport';

const valid = (overrides: Partial<PluginConfig> = {}): PluginConfig => ({
  ...DEFAULT_CONFIG,
  secret: 'a-secret-of-at-least-16-chars',
  publicUrl: 'https://example.com',
  providers: { main: { preset: 'gmail', auth: { user: 'u', pass: 'p' } } },
  ...overrides,
});

describe('validateConfig', () => {
  it('accepts a complete config', () => {
    expect(() => validateConfig(valid())).not.toThrow();
    expect(() =>
      validateConfig(valid({ providers: { main: { preset: 'ses', sesConfigurationSet: 'ec-events_1' } } })),
    ).not.toThrow();
    expect(() => validateConfig(valid({ providers: { main: { preset: 'postmark' } } }))).not.toThrow();
  });

  it.each([
    [{ secret: undefined }, /"secret" is missing/],
    [{ secret: 'short' }, /"secret" is shorter than 16 characters/],
    [{ secret: [] }, /"secret" is an empty list/],
    [{ secret: ['a-secret-of-at-least-16-chars', 'short'] }, /"secret\[1\]" is shorter than 16 characters/],
    [{ preferencesLinkDays: 0 }, /"preferencesLinkDays" is 0\. Use a whole number/],
    [
      { providers: { main: { preset: 'gmail', requireTLS: 'yes' as any } } },
      /"providers\.main\.requireTLS" is not a boolean/,
    ],
    [{ publicUrl: 'ftp://x' }, /"publicUrl" is "ftp:\/\/x", not an http\(s\) URL/],
    [{ cron: 'every minute' }, /"cron" is "every minute", not a valid cron expression/],
    [{ batchSize: 0 }, /"batchSize" is 0\. Use a whole number/],
    [{ providers: { main: { preset: 'hotmail' } } }, /"providers\.main\.preset" is "hotmail"\. Use one of: gmail/],
    [{ providers: { main: { preset: 'custom' } } }, /"providers\.main\.host" is missing/],
    [{ providers: { main: { host: 'h', port: 70000 } } }, /"providers\.main\.port" is 70000/],
    [
      { providers: { main: { preset: 'gmail', limits: { perDay: -5 } } } },
      /"providers\.main\.limits\.perDay" is -5\. Use a whole number of at least 1/,
    ],
    [
      { providers: { main: { preset: 'gmail', limits: { perHour: 1.5 } } } },
      /"providers\.main\.limits\.perHour" is 1\.5/,
    ],
    [
      { providers: { main: { preset: 'gmail', dkim: { domainName: 'x.com', keySelector: 's' } as any } } },
      /"providers\.main\.dkim\.privateKey" is missing/,
    ],
    [
      { providers: { main: { preset: 'gmail', dkim: { domainName: 'x.com', keySelector: 's', privateKey: 'nope' } } } },
      /"providers\.main\.dkim\.privateKey" does not parse as a PEM private key\. Paste the whole key/,
    ],
    [
      { providers: { main: { preset: 'ses', sesConfigurationSet: 'events tracked' } } },
      /"providers\.main\.sesConfigurationSet" is "events tracked"\. Use the name of a configuration set/,
    ],
    [{ defaultProvider: 'other' }, /"defaultProvider" is "other", which is not among the providers \(main\)/],
  ])('rejects %j with a message naming the key', (overrides, message) => {
    expect(() => validateConfig(valid(overrides as Partial<PluginConfig>))).toThrow(message);
  });

  it('accepts a list of secrets while one is rotated out', () => {
    expect(() =>
      validateConfig(valid({ secret: ['a-new-secret-of-16-chars', 'the-old-secret-of-16-chars'] })),
    ).not.toThrow();
  });

  it('in production, wants an https publicUrl and names the key', () => {
    expect(() => validateConfig(valid(), 'production')).not.toThrow();
    expect(() => validateConfig(valid({ publicUrl: undefined }), 'production')).toThrow(
      /config key "publicUrl" is missing in production\. Set it to the https address of the site/,
    );
    expect(() => validateConfig(valid({ publicUrl: 'http://example.com' }), 'production')).toThrow(
      /config key "publicUrl" is "http:\/\/example\.com", not https, in production/,
    );
    expect(() => validateConfig(valid({ publicUrl: 'http://example.com' }), 'development')).not.toThrow();
  });

  it('says everything on one line', () => {
    try {
      validateConfig(valid({ secret: '' }));
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });
});

describe('resolveProvider', () => {
  it('requires STARTTLS for every host but this machine, unless the site turns it off', () => {
    const tls = (host: string, requireTLS?: boolean) =>
      resolveProvider('main', { host, port: 587, requireTLS }).requireTLS;
    expect(tls('smtp.example.com')).toBe(true);
    expect(tls('10.0.0.5')).toBe(true);
    expect(tls('127.0.0.1')).toBe(false);
    expect(tls('localhost')).toBe(false);
    expect(tls('[::1]')).toBe(false);
    expect(tls('smtp.example.com', false)).toBe(false);
    expect(tls('127.0.0.1', true)).toBe(true);
    expect(transportOptions(resolveProvider('main', { preset: 'gmail' }))).toMatchObject({ requireTLS: true });
  });

  it('applies the preset and lets the user override its limits', () => {
    const gmail = resolveProvider('main', { preset: 'gmail' });
    expect(gmail).toMatchObject({
      host: 'smtp.gmail.com',
      port: 465,
      secure: true,
      limits: { perDay: 500, perHour: null },
    });
    const custom = resolveProvider('main', { preset: 'gmail', limits: { perDay: 100, perHour: 20 } });
    expect(custom.limits).toEqual({ perSecond: null, perMinute: null, perHour: 20, perDay: 100 });
  });

  it('infers implicit TLS from port 465 for custom servers', () => {
    expect(resolveProvider('x', { host: 'smtp.example.com', port: 465 }).secure).toBe(true);
    expect(resolveProvider('x', { host: 'smtp.example.com', port: 587 }).secure).toBe(false);
  });
});

describe('validateConfig: public API settings', () => {
  it.each([
    [{ rateLimit: { ...DEFAULT_CONFIG.rateLimit, subscribePerIp: 0 } }, /"rateLimit\.subscribePerIp" is 0/],
    [{ maxBodyBytes: -1 }, /"maxBodyBytes" is -1/],
    [{ maxAttachmentBytes: 0 }, /"maxAttachmentBytes" is 0/],
    [{ maxAttachmentBytes: '5MB' as any }, /"maxAttachmentBytes" is "5MB"/],
    [{ confirmationIntervalMinutes: 'soon' as any }, /"confirmationIntervalMinutes" is "soon"/],
    [{ texts: { en: { 'confirm.title': 5 } } as any }, /"texts\.en" is not a map of text keys to strings/],
  ])('rejects %j', (overrides, message) => {
    expect(() => validateConfig(valid(overrides as Partial<PluginConfig>))).toThrow(message);
  });
});
