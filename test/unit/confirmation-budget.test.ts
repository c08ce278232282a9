import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type PluginConfig, type ProviderConfig } from '../../server/src/config/defaults';
import { validateConfig } from '../../server/src/config/validate';
import { resolveProvider } from '../../server/src/services/providers';

const withProvider = (main: ProviderConfig): PluginConfig => ({
  ...DEFAULT_CONFIG,
  secret: 'a-secret-of-at-least-16-chars',
  providers: { main },
});

describe('confirmation budget', () => {
  it('takes the configured numbers, else a fifth of each of the provider window (at least one)', () => {
    const configured = resolveProvider('main', {
      preset: 'custom',
      host: 'h',
      limits: { perHour: 100, perDay: 1000 },
      confirmations: { perHour: 20, perDay: 30 },
    });
    expect(configured.confirmations).toEqual({ perHour: 20, perDay: 30 });
    expect(resolveProvider('main', { preset: 'gmail' }).confirmations).toEqual({ perHour: null, perDay: 100 });
    expect(resolveProvider('main', { preset: 'gmail', limits: { perHour: 3 } }).confirmations).toEqual({
      perHour: 1,
      perDay: 100,
    });
    expect(resolveProvider('main', { preset: 'mailgun' }).confirmations).toEqual({ perHour: null, perDay: null });
  });

  it('accepts a budget below the limits', () => {
    expect(() =>
      validateConfig(withProvider({ preset: 'gmail', confirmations: { perHour: 10, perDay: 499 } })),
    ).not.toThrow();
  });

  it.each([
    [
      { perDay: 500 },
      /"providers\.main\.confirmations\.perDay" is 500, not below limits\.perDay \(500\)\. Keep it below/,
    ],
    [{ perHour: 0 }, /"providers\.main\.confirmations\.perHour" is 0\. Use a whole number of at least 1/],
    [{ perMinute: 5 }, /"providers\.main\.confirmations\.perMinute" is not a setting\. Use perHour and perDay/],
    ['many', /"providers\.main\.confirmations" is not an object/],
  ])('refuses %j with a message naming the key', (confirmations, message) => {
    const config = withProvider({ preset: 'gmail', confirmations: confirmations as ProviderConfig['confirmations'] });
    expect(() => validateConfig(config)).toThrow(message);
  });
});
