import { describe, expect, it } from 'vitest';
import { blocksToHtml } from '../../server/src/services/content/blocks-to-html';
import { markdownToHtml } from '../../server/src/services/content/markdown';
import { absoluteUrl, toTemplateMedia } from '../../server/src/services/content/media';

const BASE = 'https://news.example.com/';

const text = (value: string, marks: Record<string, boolean> = {}) => ({ type: 'text', text: value, ...marks });

describe('media', () => {
  it('makes upload URLs absolute against the public URL and keeps absolute ones', () => {
    expect(absoluteUrl('/uploads/cover.png', BASE)).toBe('https://news.example.com/uploads/cover.png');
    expect(absoluteUrl('uploads/cover.png', 'https://news.example.com')).toBe(
      'https://news.example.com/uploads/cover.png',
    );
    expect(absoluteUrl('https://cdn.example.net/a.png', BASE)).toBe('https://cdn.example.net/a.png');
    expect(absoluteUrl('//cdn.example.net/a.png', BASE)).toBe('https://cdn.example.net/a.png');
  });

  it('refuses other schemes and empty values', () => {
    expect(absoluteUrl('javascript:alert(1)', BASE)).toBeNull();
    expect(absoluteUrl('data:image/png;base64,AAAA', BASE)).toBeNull();
    expect(absoluteUrl('', BASE)).toBeNull();
    expect(absoluteUrl(undefined, BASE)).toBeNull();
  });

  it('keeps what templates print of a file, formats included, and nothing else', () => {
    const media = toTemplateMedia(
      {
        id: 4,
        url: '/uploads/cover.png',
        alternativeText: 'A harbour',
        caption: 'Dawn',
        width: 1200,
        height: 800,
        mime: 'image/png',
        name: 'cover.png',
        hash: 'cover_123',
        provider: 'local',
        formats: { thumbnail: { url: '/uploads/thumbnail_cover.png', width: 234, height: 156, size: 9 } },
      },
      BASE,
    );
    expect(media).toEqual({
      url: 'https://news.example.com/uploads/cover.png',
      alternativeText: 'A harbour',
      caption: 'Dawn',
      width: 1200,
      height: 800,
      mime: 'image/png',
      name: 'cover.png',
      formats: { thumbnail: { url: 'https://news.example.com/uploads/thumbnail_cover.png', width: 234, height: 156 } },
    });
    expect(toTemplateMedia(null, BASE)).toBeNull();
  });
});

describe('blocks to HTML', () => {
  it('renders paragraphs, headings, quotes and code', () => {
    expect(
      blocksToHtml(
        [
          { type: 'heading', level: 3, children: [text('Title')] },
          { type: 'paragraph', children: [text('One\ntwo')] },
          { type: 'paragraph', children: [text('')] },
          { type: 'quote', children: [text('Said')] },
          { type: 'code', language: 'js', children: [text('if (a < b) {}')] },
        ],
        BASE,
      ),
    ).toBe(
      '<h3>Title</h3><p>One<br>two</p><p><br></p><blockquote>Said</blockquote>' +
        '<pre><code>if (a &lt; b) {}</code></pre>',
    );
  });

  it('renders ordered, unordered and nested lists', () => {
    const item = (value: string) => ({ type: 'list-item', children: [text(value)] });
    expect(
      blocksToHtml(
        [
          {
            type: 'list',
            format: 'unordered',
            children: [item('a'), { type: 'list', format: 'ordered', children: [item('b')] }],
          },
        ],
        BASE,
      ),
    ).toBe('<ul><li>a</li><ol><li>b</li></ol></ul>');
  });

  it('renders every text mark', () => {
    const marks = { bold: true, italic: true, underline: true, strikethrough: true, code: true };
    expect(blocksToHtml([{ type: 'paragraph', children: [text('x', marks)] }], BASE)).toBe(
      '<p><strong><em><u><s><code>x</code></s></u></em></strong></p>',
    );
  });

  it('keeps http, https and mailto links and drops the others to their text', () => {
    const link = (url: string) => ({ type: 'link', url, children: [text('here')] });
    const html = blocksToHtml(
      [
        {
          type: 'paragraph',
          children: [link('https://a.example'), link('mailto:x@a.example'), link('javascript:alert(1)'), link('/x')],
        },
      ],
      BASE,
    );
    expect(html).toBe('<p><a href="https://a.example">here</a><a href="mailto:x@a.example">here</a>herehere</p>');
  });

  it('renders images with an absolute URL and their alternative text', () => {
    const image = { url: '/uploads/map.png', alternativeText: 'A "map"', width: 640 };
    expect(blocksToHtml([{ type: 'image', image, children: [text('')] }], BASE)).toBe(
      '<img src="https://news.example.com/uploads/map.png" alt="A &quot;map&quot;" width="640" ' +
        'style="display:block;max-width:100%;height:auto;border:0">',
    );
  });

  it('escapes text, so HTML in an entry is shown, never run', () => {
    expect(blocksToHtml([{ type: 'paragraph', children: [text('<script>alert(1)</script>')] }], BASE)).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
    expect(blocksToHtml('not blocks', BASE)).toBe('');
    expect(blocksToHtml([{ type: 'unknown', children: [] }, null], BASE)).toBe('');
  });
});

describe('Markdown', () => {
  it('renders Markdown to HTML', () => {
    expect(markdownToHtml('# Title\n\nSome **bold** and [a link](https://a.example).', BASE)).toBe(
      '<h1>Title</h1>\n<p>Some <strong>bold</strong> and <a href="https://a.example">a link</a>.</p>',
    );
  });

  it('drops script, style, iframe and event attributes', () => {
    const html = markdownToHtml(
      'Hi <script>alert(1)</script><style>p{}</style><iframe src="https://x.example"></iframe>' +
        '<img src="https://a.example/x.png" alt="x" onerror="alert(1)"> <b onclick="alert(1)">b</b>',
      BASE,
    );
    expect(html).toBe('<p>Hi <img src="https://a.example/x.png" alt="x" /> <b>b</b></p>');
  });

  it('drops javascript: and relative links to their text, and makes upload images absolute', () => {
    const html = markdownToHtml(
      '[x](javascript:alert(1)) <a href="JaVaScRiPt:alert(1)">y</a> [z](/about) ![map](/uploads/map.png)',
      BASE,
    );
    expect(html).toBe(
      '<p><span>x</span> <span>y</span> <span>z</span> <img src="https://news.example.com/uploads/map.png" alt="map" /></p>',
    );
    expect(html).not.toMatch(/javascript/i);
  });

  it('leaves Liquid in the text as text, for the composer to write its braces as entities', () => {
    expect(markdownToHtml('{{ subscriber.email }}', BASE)).toBe('<p>{{ subscriber.email }}</p>');
    expect(markdownToHtml(null, BASE)).toBe('');
  });
});
