import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pickLocale, translator, TEXTS } from '../../server/src/pages/texts';
import { escapeHtml, renderPage } from '../../server/src/pages/html';
import { preferencesPage } from '../../server/src/pages/preferences';
import { confirmPage } from '../../server/src/pages/confirm';
import { formFields } from '../../server/src/pages/subscribe-form';
import { confirmationMail } from '../../server/src/pages/confirmation-mail';

describe('page language', () => {
  it('prefers the subscriber’s own locale, then Accept-Language by weight, then English', () => {
    expect(pickLocale('vi', 'en-US')).toBe('vi');
    expect(pickLocale(null, 'fr-FR,vi;q=0.8,en;q=0.5')).toBe('vi');
    expect(pickLocale(null, 'en;q=0.2, vi-VN;q=0.9')).toBe('vi');
    expect(pickLocale('de', 'fr, de')).toBe('en');
    expect(pickLocale(undefined, undefined)).toBe('en');
    expect(pickLocale(null, 'vi;q=0, en')).toBe('en');
  });

  it('has every text in Vietnamese, and lets the site replace any of them', () => {
    expect(Object.keys(TEXTS.vi).sort()).toEqual(Object.keys(TEXTS.en).sort());
    const t = translator('vi', { vi: { 'confirm.title': 'Xác nhận nhé, {name}' } });
    expect(t('confirm.title', { name: 'An' })).toBe('Xác nhận nhé, An');
    expect(t('confirm.button')).toBe('Xác nhận');
  });
});

describe('pages', () => {
  it('escapes every value it shows', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;');
    const t = translator('en');
    const page = renderPage(
      preferencesPage('en', t, {
        token: 'abc"><script>',
        maskedEmail: '<b>@x',
        choices: [{ slug: 'n', name: '<img src=x onerror=alert(1)>', subscribed: true }],
      }),
    );
    expect(page.html).not.toContain('<script>');
    expect(page.html).not.toContain('<img');
    expect(page.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.html).toContain('checked');
  });

  it('offers the tracking opt-out only when given one, in words that match the mode', () => {
    const t = translator('en');
    const view = { token: 't', maskedEmail: 'a***@x', choices: [{ slug: 'n', name: 'News', subscribed: true }] };
    const silent = preferencesPage('en', t, view).body;
    expect(silent).not.toMatch(/track|record/i);
    const people = preferencesPage('en', t, { ...view, tracking: { optOut: false, aggregateOnly: false } }).body;
    expect(people).toContain('<input type="hidden" name="tracking" value="asked">');
    expect(people).toContain('name="trackingOptOut" value="yes">');
    expect(people).toContain('may record when you open them');
    const aggregate = preferencesPage('en', t, { ...view, tracking: { optOut: true, aggregateOnly: true } }).body;
    expect(aggregate).toContain('name="trackingOptOut" value="yes" checked>');
    expect(aggregate).toContain('we never record who did');
    expect(aggregate).not.toContain('may record when you open them');
    const vi = preferencesPage('vi', translator('vi'), { ...view, tracking: { optOut: false, aggregateOnly: false } });
    expect(vi.body).toContain('Không ghi lại khi tôi mở các email này hoặc nhấp vào liên kết trong đó');
  });

  it('allows exactly its own inline script and style by their hashes, so pages are deterministic', () => {
    const spec = { locale: 'en' as const, title: 't', body: '<p>x</p>', script: 'console.log(1);' };
    const first = renderPage(spec);
    const script = /<script>([^<]*)<\/script>/.exec(first.html)![1];
    const style = /<style>([^<]*)<\/style>/.exec(first.html)![1];
    const sha = (text: string) => createHash('sha256').update(text).digest('base64');
    expect(first.csp).toContain(`script-src 'sha256-${sha(script)}'`);
    expect(first.csp).toContain(`style-src 'sha256-${sha(style)}'`);
    expect(first.csp).toContain("default-src 'none'");
    expect(first.csp).not.toContain('unsafe-inline');
    expect(renderPage(spec)).toEqual(first);
  });

  it('gives the confirm page no script at all: only pressing its button confirms', () => {
    const page = renderPage(confirmPage('en', translator('en'), 'tok'));
    expect(page.html).not.toContain('<script');
    expect(page.csp).toContain("script-src 'none'");
    expect(page.html).toContain('action="?token=tok"');
    expect(renderPage(confirmPage('en', translator('en'), 'tok'))).toEqual(page);
  });

  it('lets the hosted form post to the site that receives the redirect', () => {
    const page = renderPage({ locale: 'en', title: 'x', body: '', formTargets: ['https://site.example'] });
    expect(page.csp).toContain("form-action 'self' https://site.example");
  });

  it('hides the honeypot with a class on our page and a style attribute in the snippet', () => {
    const view = {
      slug: 'footer',
      name: 'Footer',
      action: 'https://x.example/api/email-campaigns/subscribe',
      askName: true,
      requireName: false,
      consentText: 'I agree <b>',
    };
    const hosted = formFields(translator('en'), view, 'hosted');
    const embedded = formFields(translator('en'), view, 'embedded');
    expect(hosted).toContain('class="visually-hidden"');
    expect(embedded).toContain('style="position:absolute');
    expect(embedded).toContain('name="website"');
    expect(embedded).toContain('I agree &lt;b&gt;');
    expect(embedded).toContain('name="consent" value="yes" required');
  });

  it('writes the confirmation mail in both parts with the link, greeting nobody by name', () => {
    const mail = confirmationMail(translator('vi'), {
      listNames: ['Tin tức'],
      confirmUrl: 'https://x.example/c?token=a&b',
      locale: 'vi',
    });
    expect(mail.subject).toBe('Vui lòng xác nhận đăng ký');
    expect(mail.html).toContain('<html lang="vi">');
    expect(mail.html).toContain('<p>Xin chào,</p>');
    expect(mail.text.startsWith('Xin chào,\n')).toBe(true);
    expect(mail.html).toContain('href="https://x.example/c?token=a&amp;b"');
    expect(mail.text).toContain('https://x.example/c?token=a&b');
    expect(mail.text).toContain('Tin tức');
  });
});
