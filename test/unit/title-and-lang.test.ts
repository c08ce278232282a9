import { describe, expect, it } from 'vitest';
import { compileCampaign, prepareTemplate, renderMessage } from '../../server/src/services/composing';
import { htmlLang, withTitleAndLang } from '../../server/src/services/composing/title-and-lang';

const MJML = `<mjml>
  <mj-head><mj-title>{{ campaign.subject }}</mj-title></mj-head>
  <mj-body><mj-section><mj-column>
    <mj-text>Hello {{ subscriber.name }}<svg><title>icon</title></svg></mj-text>
  </mj-column></mj-section></mj-body>
</mjml>`;

describe('the HTML head of a message', () => {
  it('holds the rendered subject as title and the recipient language', async () => {
    const subject = 'News for {{ subscriber.name }} & friends';
    const campaign = { id: 1, name: 'March', subject, preheader: null };
    const { html, errors } = await compileCampaign({ mjml: MJML, campaign });
    expect(errors).toEqual([]);
    const prepared = prepareTemplate({ html, subject });
    const render = (locale: string | null) =>
      renderMessage(prepared, {
        subscriber: { id: 7, email: 'an@example.test', name: 'Ân', locale },
        campaign,
        unsubscribe_url: 'https://example.test/u',
        preferences_url: 'https://example.test/p',
      });

    const vi = render('vi');
    expect(vi.subject).toBe('News for Ân & friends');
    expect(vi.html).toMatch(/^<!doctype html>\s*<html lang="vi" dir="auto" xmlns=/i);
    expect(vi.html.match(/<title>[^<]*<\/title>/g)).toEqual([
      '<title>News for Ân &amp; friends</title>',
      '<title>icon</title>',
    ]);
    // MJML's email wrapper, which screen readers announce, says the same.
    expect(vi.html).toMatch(
      /<div\s+aria-label="News for Ân &amp; friends" aria-roledescription="email" role="article" lang="vi"/,
    );
    expect(vi.html).not.toContain('&#123;');
    const unknown = render(null).html;
    expect(unknown).toContain('<html lang="en" ');
    expect(unknown).toMatch(/aria-roledescription="email" role="article" lang="en"/);
  });

  it('inserts a title and attributes where there are none, and leaves a fragment alone', () => {
    const wrapper = '<body><div title="a > b" aria-roledescription="email">x</div></body>';
    expect(withTitleAndLang(`<html><head></head>${wrapper}</html>`, { title: 'T', lang: 'vi' })).toBe(
      '<html lang="vi"><head><title>T</title></head>' +
        '<body><div title="a > b" aria-roledescription="email" aria-label="T" lang="vi">x</div></body></html>',
    );
    expect(
      withTitleAndLang('<html><head><meta charset="utf-8"></head><body></body></html>', {
        title: '$& <b>',
        lang: 'en',
      }),
    ).toBe('<html lang="en"><head><title>$&amp; &lt;b&gt;</title><meta charset="utf-8"></head><body></body></html>');
    expect(withTitleAndLang('<p>Hi</p>', { title: 'x', lang: 'en' })).toBe('<p>Hi</p>');
  });

  it('takes a well-formed language tag and falls back to the site default otherwise', () => {
    expect(htmlLang('pt_BR')).toBe('pt-BR');
    expect(htmlLang('zh-Hant-TW')).toBe('zh-Hant-TW');
    for (const locale of [null, undefined, '', 'x', 'en" onload="x', 42]) expect(htmlLang(locale)).toBe('en');
  });
});
