import { describe, expect, it } from 'vitest';
import {
  compileCampaign,
  prepareTemplate,
  renderMessage,
  type RecipientVars,
} from '../../server/src/services/composing';
import { failedChecks, preSendChecks } from '../../server/src/services/composing/pre-send-checks';
import {
  MAX_TRACKED_URL_CHARS,
  findAnchors,
  rewriteAnchors,
  trackedUrls,
} from '../../server/src/services/tracking/links';
import { isOpenPixel, withPixel } from '../../server/src/services/tracking/pixel';
import { TRACKING_VARIABLE, withTrackingSlots } from '../../server/src/services/tracking/slots';

const UNSUBSCRIBE = 'http://127.0.0.1:1337/api/email-campaigns/unsubscribe?token=u';
const recipient: RecipientVars = {
  subscriber: { id: 5, email: 'ann@example.test', name: 'Ann', locale: null, attributes: {} },
  campaign: { name: 'Links' },
  unsubscribe_url: UNSUBSCRIBE,
  preferences_url: 'http://127.0.0.1:1337/api/email-campaigns/preferences?token=p',
};

const urlsOf = (html: string) => trackedUrls(findAnchors(html));
const slot = (url: string) => `[${url}]`;

describe('tracked links', () => {
  it('finds absolute http(s) links and leaves every exception alone', () => {
    const html = [
      '<a href="https://example.test/a">a</a>',
      '<a href="HTTP://Example.test/b?x=1">b</a>',
      '<a href="mailto:editor@example.test">mail</a>',
      '<a href="tel:+84123">call</a>',
      '<a href="/relative">rel</a>',
      '<a href="//cdn.example.test/x">scheme-relative</a>',
      '<a href="ftp://example.test/f">ftp</a>',
      '<a href="javascript:alert(1)">js</a>',
      '<a href="#top">top</a>',
      '<a href="{{ unsubscribe_url }}">unsubscribe</a>',
      '<a href="{{ preferences_url }}">preferences</a>',
      '<a href="{{ web_url }}">view in browser</a>',
      '<a href="https://example.test/u/{{ subscriber.id }}">mine</a>',
      '<a href="https://example.test/{% if subscriber.name %}n{% endif %}">block</a>',
      '<a href="https://example.test/quiet" data-no-track>quiet</a>',
      '<a name="anchor">no href</a>',
      '<link href="https://example.test/style.css">',
      '<!-- <a href="https://example.test/commented">x</a> -->',
    ].join('\n');
    expect(urlsOf(html)).toEqual(['https://example.test/a', 'HTTP://Example.test/b?x=1']);
  });

  it('gives one slot to each distinct URL, however often it appears, in order of appearance', () => {
    const html =
      '<a href="https://example.test/b">1</a><a href="https://example.test/a">2</a>' +
      '<a href=\'https://example.test/b\'>3</a><a href="https://example.test/a?x=1&amp;y=2">4</a>' +
      '<a href="https://example.test/a?x=1&y=2">5</a>';
    expect(urlsOf(html)).toEqual([
      'https://example.test/b',
      'https://example.test/a',
      'https://example.test/a?x=1&y=2',
    ]);
  });

  it('reads the href as a browser does: entities decoded, surrounding spaces trimmed, the first href only', () => {
    expect(urlsOf('<a href=" https://example.test/&#x61;?q=&quot;x&quot; ">x</a>')).toEqual([
      'https://example.test/a?q="x"',
    ]);
    expect(urlsOf('<a HREF="https://example.test/first" href="https://example.test/second">x</a>')).toEqual([
      'https://example.test/first',
    ]);
    expect(urlsOf(`<a href="https://example.test/${'x'.repeat(MAX_TRACKED_URL_CHARS)}">long</a>`)).toEqual([]);
    expect(urlsOf('<a href="https://exa mple.test/">not a URL</a>')).toEqual([]);
  });

  it('rewrites only the tracked href values and the data-no-track attributes, keeping every other byte', () => {
    const html =
      '<!doctype html><html><body>\n<p>Caf\u00e9 &amp; <b>bold</b></p>\n' +
      '<a  class="btn"  href="https://example.test/a?x=1&amp;y=2"  target=_blank >A</a>\n' +
      '<a href=https://example.test/bare title="t">B</a>\n' +
      "<A HREF='https://example.test/a?x=1&amp;y=2'>C</A>\n" +
      '<a href="mailto:x@example.test" data-no-track>D</a>\n' +
      '<a data-no-track="" href="https://example.test/quiet" style="color:red">E</a>\n' +
      '<a href="{{ unsubscribe_url }}">F</a>\n</body></html>';
    const out = rewriteAnchors(html, findAnchors(html), slot);
    expect(out).toBe(
      '<!doctype html><html><body>\n<p>Caf\u00e9 &amp; <b>bold</b></p>\n' +
        '<a  class="btn"  href="[https://example.test/a?x=1&y=2]"  target=_blank >A</a>\n' +
        '<a href="[https://example.test/bare]" title="t">B</a>\n' +
        "<A HREF='[https://example.test/a?x=1&y=2]'>C</A>\n" +
        '<a href="mailto:x@example.test">D</a>\n' +
        '<a href="https://example.test/quiet" style="color:red">E</a>\n' +
        '<a href="{{ unsubscribe_url }}">F</a>\n</body></html>',
    );
    // Without a slot only the data-no-track attributes go: what an untracked message gets.
    expect(rewriteAnchors(html, findAnchors(html), null)).toBe(
      html.replace(' data-no-track>', '>').replace(' data-no-track=""', ''),
    );
  });

  it('keeps a compiled MJML campaign byte for byte outside its tracked hrefs', async () => {
    const mjml = `<mjml><mj-body><mj-section><mj-column>
      <mj-text>Hello {{ subscriber.name }}, <a href="https://example.test/read?a=1&amp;b=2">read</a>.</mj-text>
      <mj-button href="https://example.test/buy">Buy</mj-button>
      <mj-image src="https://cdn.example.test/a.png" alt="A" href="https://example.test/read?a=1&amp;b=2" />
      <mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button>
    </mj-column></mj-section></mj-body></mjml>`;
    const { html, errors } = await compileCampaign({ mjml, campaign: { name: 'x', subject: 'S' } });
    expect(errors).toEqual([]);
    const anchors = findAnchors(html);
    expect(trackedUrls(anchors)).toEqual(['https://example.test/read?a=1&b=2', 'https://example.test/buy']);
    const out = rewriteAnchors(html, anchors, () => 'SLOT');
    const original = html.replace(/href="https:\/\/example\.test\/[^"]*"/g, 'href="SLOT"');
    expect(out).toBe(original);
    expect(out.match(/href="SLOT"/g)).toHaveLength(3);
  });
});

describe('the open pixel and the tracked template', () => {
  it('puts a 1×1 decorative image just before the last </body>, or at the end without one', () => {
    const html = withPixel('<html><body><p>x</p></BODY></html>', 'https://t.test/api/email-campaigns/o/abc.def');
    expect(html).toMatch(/<p>x<\/p><img src="https:\/\/t\.test\/api\/email-campaigns\/o\/abc\.def" [^>]+><\/BODY>/);
    const tag = /<img[^>]+>/.exec(html)![0];
    expect(tag).toContain('width="1" height="1" alt="" border="0"');
    expect(tag).toContain('display:block');
    expect(isOpenPixel(tag)).toBe(true);
    expect(withPixel('<p>x</p>', 'u')).toMatch(/^<p>x<\/p><img src="u"/);
    expect(isOpenPixel('<img src="https://t.test/a.png" width="1" height="1" alt="">')).toBe(false);
  });

  it('renders the tracked addresses into the HTML and the text part, and the checks before sending pass', async () => {
    const mjml = `<mjml><mj-body><mj-section><mj-column>
      <mj-text>Hello {{ subscriber.name }}. <a href="https://example.test/read">Read the story</a>
        or <a href="https://example.test/read" data-no-track>here</a>.</mj-text>
      <mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button>
    </mj-column></mj-section></mj-body></mjml>`;
    const subject = 'News';
    const { html } = await compileCampaign({ mjml, campaign: { name: 'x', subject } });
    const slotted = withTrackingSlots(html, findAnchors(html), { clicks: true, opens: true });
    expect(slotted.urls).toEqual(['https://example.test/read']);
    const click = 'https://t.test/api/email-campaigns/l/AAAAAAAA.bbbbbbbbbbbbbbbbbbbbbb';
    const open = 'https://t.test/api/email-campaigns/o/CCCCCCCC.dddddddddddddddddddddd';
    const vars = { ...recipient, [TRACKING_VARIABLE]: { links: [click], open } };
    const message = renderMessage(prepareTemplate({ html: slotted.html, subject }), vars);
    expect(message.html).toContain(`href="${click}"`);
    expect(message.html).toContain('<a href="https://example.test/read">here</a>');
    expect(message.html).not.toContain('data-no-track');
    expect(message.html).toContain(`<img src="${open}" width="1" height="1" alt=""`);
    // The text part shows the tracked address, so a click from a text-only reader counts too.
    expect(message.text.replace(/\s+/g, ' ')).toContain(
      `Read the story [${click}] or here [https://example.test/read]`,
    );
    expect(failedChecks(preSendChecks(message, { unsubscribeUrl: UNSUBSCRIBE }))).toEqual([]);

    const opensOnly = withTrackingSlots(html, findAnchors(html), { clicks: false, opens: true });
    expect(opensOnly.urls).toEqual([]);
    expect(opensOnly.html).not.toContain(`${TRACKING_VARIABLE}.links`);
    expect(opensOnly.html).toContain(`${TRACKING_VARIABLE}.open`);
    const clicksOnly = withTrackingSlots(html, findAnchors(html), { clicks: true, opens: false });
    expect(clicksOnly.html).toContain(`${TRACKING_VARIABLE}.links[0]`);
    expect(clicksOnly.html).not.toContain('<img');
  });
});
