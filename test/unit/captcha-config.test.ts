import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type PluginConfig } from '../../server/src/config/defaults';
import { validateConfig } from '../../server/src/config/validate';
import { captchaAssets, formFields, subscribeFormPage } from '../../server/src/pages/subscribe-form';
import { renderPage } from '../../server/src/pages/html';
import { translator } from '../../server/src/pages/texts';

const withCaptcha = (captcha: unknown): PluginConfig => ({
  ...DEFAULT_CONFIG,
  secret: 'a-secret-of-at-least-16-chars',
  captcha: captcha as PluginConfig['captcha'],
});

describe('the ALTCHA pair', () => {
  it('pins the server library and the widget exactly, both of the v1 challenge format', () => {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8'));
    // altcha-lib 1.x and the altcha widget 2.x speak ALTCHA v1 (SHA-256, maxnumber, signed salt);
    // altcha-lib 2.x and widget 3.x speak v2 and would not understand each other across the pair.
    expect(pkg.dependencies['altcha-lib']).toMatch(/^1\.\d+\.\d+$/);
    expect(pkg.dependencies.altcha).toMatch(/^2\.\d+\.\d+$/);
  });
});

describe('captcha config', () => {
  it('is off by default and accepts every documented key', () => {
    expect(DEFAULT_CONFIG.captcha.enabled).toBe(false);
    const verify = async () => ({ ok: false });
    const all = { enabled: true, expiryMinutes: 10, maxNumber: 100_000, field: 'cf-turnstile-response', verify };
    expect(() => validateConfig(withCaptcha(all))).not.toThrow();
  });

  it.each([
    ['on', /"captcha" is not an object/],
    [{ enabled: 'yes' }, /"captcha\.enabled" is "yes"\. Use true or false/],
    [{ expiryMinutes: 0 }, /"captcha\.expiryMinutes" is 0\. Use a whole number of minutes from 1 to 60/],
    [{ expiryMinutes: 1440 }, /"captcha\.expiryMinutes" is 1440/],
    [{ maxNumber: 10 }, /"captcha\.maxNumber" is 10\. Use a whole number from 1,000/],
    [{ field: 'a field' }, /"captcha\.field" is "a field"\. Use a form field name/],
    [{ verify: 'turnstile' }, /"captcha\.verify" is not a function/],
    [{ secretKey: 'x' }, /"captcha\.secretKey" is not a setting/],
  ])('refuses %j with a message naming the key', (captcha, message) => {
    expect(() => validateConfig(withCaptcha(captcha))).toThrow(message);
  });
});

describe('the captcha widget in the form', () => {
  const view = {
    slug: 'news',
    name: 'News',
    action: '../subscribe',
    askName: false,
    requireName: false,
    captcha: { base: '../captcha/', field: 'altcha' },
  };

  it('puts the widget before the button and its files in the hosted page, allowed by the CSP', () => {
    const t = translator('en');
    expect(formFields(t, view)).toMatch(
      /<altcha-widget challengeurl="\.\.\/captcha\/challenge" name="altcha" hidefooter hidelogo strings="[^"]+"><\/altcha-widget>\n<button/,
    );
    const strings = /strings="([^"]+)"/.exec(formFields(translator('vi'), view))![1].replace(/&quot;/g, '"');
    expect(JSON.parse(strings)).toMatchObject({ label: 'Tôi không phải là người máy', verified: 'Đã xác minh' });
    const page = renderPage(subscribeFormPage('en', t, view));
    expect(page.html).toContain('<link rel="stylesheet" href="../captcha/altcha.css">');
    expect(page.html).toContain('<script src="../captcha/altcha.js" defer></script>');
    expect(page.csp).toMatch(/script-src 'self'; worker-src 'self'; connect-src 'self'/);
    expect(page.csp).toMatch(/style-src 'sha256-[^']+' 'self'/);
  });

  it('leaves the page and its CSP as they were without the captcha', () => {
    const page = renderPage(subscribeFormPage('en', translator('en'), { ...view, captcha: null }));
    expect(page.html).not.toContain('altcha');
    expect(page.csp).toContain("script-src 'none'");
    expect(page.csp).not.toContain('worker-src');
    expect(captchaAssets({ ...view, captcha: null })).toBe('');
  });
});
