/**
 * The pure parts of the visual editor's blocks (admin/src/visual-editor/blocks/): attribute edits, the
 * entries block's loop, the section and column boxes, the head's attributes, the image's attributes, the
 * HTML shown on the canvas. How they look and are edited in Chromium is test/e2e/visual-blocks.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  attributeOf,
  attributeText,
  withAttribute,
  withAttributes,
} from '../../admin/src/visual-editor/blocks/attributes';
import { isUntouchedLoop, loopSourceFor } from '../../admin/src/visual-editor/blocks/entries/loopSource';
import {
  attributeReader,
  inheritedValue,
  readHeadAttributes,
} from '../../admin/src/visual-editor/blocks/headAttributes';
import { columnStyle, sectionStyle } from '../../admin/src/visual-editor/blocks/section/style';
import { safeHtml } from '../../admin/src/visual-editor/blocks/safeHtml';
import { restoreLiquid } from '../../admin/src/visual-editor/blocks/text/liquidInHtml';
import {
  createBlock,
  insertNode,
  parseMjml,
  serializeMjml,
  type ColumnNode,
  type EntriesNode,
  type ImageBlock,
  type SectionNode,
  type VisualDocument,
} from '../../admin/src/visual-editor/document';
import { imageAttributes } from '../../admin/src/utils/mediaImage';
import { STARTER_TEMPLATES } from '../../server/src/templates';

const SOURCE = `<mjml>
  <mj-body>
    <mj-section padding="8px" full-width="full-width">
      <mj-column width="200px" vertical-align="middle">
        <mj-image src="https://example.com/a.png" alt="{{ entry.title }}" />
        <mj-social>
          <mj-social-element name="facebook" href="https://facebook.com/x" />
        </mj-social>
      </mj-column>
      <mj-column width="{{ width }}"></mj-column>
    </mj-section>
  </mj-body>
</mjml>
`;

function open(source: string): VisualDocument {
  const parsed = parseMjml(source);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.document;
}

const document = open(SOURCE);
const section = document.body[0] as SectionNode;
const [firstColumn, secondColumn] = section.children as ColumnNode[];
const image = firstColumn.children[0] as ImageBlock;

/** The document with a new entries block at the end of the body, re-indented there as the shell does it. */
function withEntriesBlock(entryTitle: string): EntriesNode {
  const block = createBlock('entries', { text: 'Text', button: 'Button', entryTitle });
  const next = insertNode(document, { parent: 'body', index: 1 }, block);
  return next.body.find((node): node is EntriesNode => node.kind === 'entries') as EntriesNode;
}

describe('attribute edits', () => {
  it('changes one attribute in place and drops the open tag, so only that tag is written again', () => {
    const edited = withAttribute(image, 'src', 'https://example.com/b.png');
    expect(edited.openTag).toBeNull();
    expect(edited.attributes).toEqual([
      { name: 'src', value: 'https://example.com/b.png' },
      { name: 'alt', value: '{{ entry.title }}' },
    ]);
    expect(image.openTag).toBe('<mj-image src="https://example.com/a.png" alt="{{ entry.title }}" />');
  });

  it('adds a new attribute at the end, removes an emptied one, and gives the node back when nothing changed', () => {
    const edited = withAttributes(image, { width: '300px', alt: '' });
    expect(edited.attributes.map(({ name }) => name)).toEqual(['src', 'width']);
    expect(withAttributes(image, { src: 'https://example.com/a.png' })).toBe(image);
    expect(withAttribute(image, 'href', '')).toBe(image);
  });

  it('keeps values as written (Liquid, entities) and reads them as the browser would for the canvas', () => {
    expect(attributeOf(image, 'alt')).toBe('{{ entry.title }}');
    expect(attributeText('Boats &amp; &quot;quays&quot; &lt;3')).toBe('Boats & "quays" <3');
  });
});

describe('the entries block', () => {
  it('knows the loop straight from the palette, re-indented, whatever words its placeholder has', () => {
    expect(withEntriesBlock('The title of an entry').source).toContain('\n    <mj-section>');
    expect(isUntouchedLoop(withEntriesBlock('The title of an entry'))).toBe(true);
    expect(isUntouchedLoop(withEntriesBlock('Tiêu đề & mục'))).toBe(true);
  });

  it('leaves a loop someone changed alone', () => {
    const node = withEntriesBlock('The title of an entry');
    const changed = { ...node, source: node.source.replace('font-size="18px"', 'font-size="20px"') };
    expect(isUntouchedLoop(changed)).toBe(false);
  });

  it("writes the first entry's type's loop indented like the block, parsing back as one entries block", () => {
    const node = withEntriesBlock('The title of an entry');
    const source = loopSourceFor(node, { image: 'cover', title: 'title', text: 'summary', richText: true });
    expect(source).not.toBeNull();
    expect(source).toContain('{{ entry.cover.url }}');
    expect(source).toContain('{{ entry.summary | raw }}');
    expect(source?.split('\n').slice(1)).toSatisfy((lines: string[]) => lines.every((line) => line.startsWith('    ')));
    expect(isUntouchedLoop({ ...node, source: source ?? '' })).toBe(false);

    const written = serializeMjml({ ...document, body: [...document.body, { ...node, source: source ?? '' }] });
    const reopened = open(written);
    expect(reopened.body.map((child) => child.kind)).toEqual(['section', 'entries']);
    expect(serializeMjml(reopened)).toBe(written);
  });
});

describe("the head's attributes", () => {
  const head = readHeadAttributes(`<mjml>
  <mj-head>
    <mj-attributes>
      <mj-all font-family="Helvetica, Arial" padding="4px" />
      <mj-text font-size="15px" color='#32324d' />
      <mj-class name="lead" font-size="20px" color="#111111" />
      <mj-class name="quiet"
        color="#999999" />
    </mj-attributes>
    <mj-style>.x { color: red }</mj-style>
  </mj-head>
  <mj-body>`);
  const text = (attributes: string) => {
    const body = open(
      `<mjml><mj-body><mj-section><mj-column><mj-text ${attributes}>x</mj-text></mj-column></mj-section></mj-body></mjml>`,
    );
    return ((body.body[0] as SectionNode).children[0] as ColumnNode).children[0] as Parameters<
      typeof attributeReader
    >[0];
  };

  it('applies MJML’s order: own attribute, mj-class (the later first), the tag’s defaults, mj-all', () => {
    expect(attributeReader(text(''), head)('font-size')).toBe('15px');
    expect(attributeReader(text(''), head)('font-family')).toBe('Helvetica, Arial');
    expect(attributeReader(text('mj-class="lead"'), head)('font-size')).toBe('20px');
    expect(attributeReader(text('mj-class="lead quiet"'), head)('color')).toBe('#999999');
    expect(attributeReader(text('mj-class="lead" color="red"'), head)('color')).toBe('red');
    // Nothing set anywhere: the component's own default applies (the canvas supplies MJML's).
    expect(attributeReader(text(''), head)('line-height')).toBeUndefined();
    expect(attributeReader(image)('alt')).toBe('{{ entry.title }}');
  });

  it('tells the side panel what applies without the block’s own value', () => {
    expect(inheritedValue(text('font-size="30px"'), 'font-size', head)).toBe('15px');
    expect(inheritedValue(text('mj-class="lead" font-size="30px"'), 'font-size', head)).toBe('20px');
    expect(inheritedValue(text('font-size="30px"'), 'line-height', head)).toBeUndefined();
  });
});

describe('section and column boxes', () => {
  it('gives a full-width section no maxWidth and its own padding; a plain one MJML’s 600 px and 20px 0', () => {
    expect(sectionStyle(section)).toMatchObject({ padding: '8px', maxWidth: undefined, display: 'flex' });
    const plain = open('<mjml><mj-body><mj-section></mj-section></mj-body></mjml>').body[0] as SectionNode;
    expect(sectionStyle(plain)).toMatchObject({ padding: '20px 0', maxWidth: 600 });
  });

  it('sizes a column by its width, else an equal share, and aligns it vertically', () => {
    expect(columnStyle(firstColumn, 2)).toMatchObject({ flex: '0 0 200px', alignSelf: 'center' });
    // Liquid in a width cannot be laid out: the column takes its share.
    expect(columnStyle(secondColumn, 2)).toMatchObject({ flex: '0 0 50%', alignSelf: 'flex-start' });
  });
});

describe("the image block's attributes from the Media Library", () => {
  it('writes the format for the width as an absolute address, the alternative text escaped', () => {
    const asset = {
      url: '/uploads/quay.png',
      name: 'quay.png',
      width: 1200,
      formats: { medium: { url: '/uploads/medium_quay.png', width: 750 } },
    };
    expect(imageAttributes(asset, { width: 300, alt: ' Boats "home" ', publicUrl: 'http://127.0.0.1:1337/' })).toEqual({
      src: 'http://127.0.0.1:1337/uploads/medium_quay.png',
      alt: 'Boats &quot;home&quot;',
      width: '300px',
    });
  });
});

describe('HTML shown on the canvas', () => {
  it('drops what could run: scripts, styles, frames, event handlers, script addresses however spelt', () => {
    const shown = safeHtml(
      '<p onclick="steal()" class="lead">Hi <b>there</b></p><script>steal()</script><style>p { color: red }</style>' +
        '<iframe src="https://example.com"><p>inside</p></iframe><img src="x.png" onerror="steal()" alt="A">' +
        '<a href="javascript:steal()">1</a><a href=" java\nscript:steal()">2</a><a href="&#106;avascript:steal()">3</a>' +
        '<a href="JAVASCRIPT:steal()">4</a><a href="data:text/html,<script>steal()</script>">5</a>',
    );
    expect(shown).toEqual({
      html: '<p class="lead">Hi <b>there</b></p><img src="x.png" alt="A"><a>1</a><a>2</a><a>3</a><a>4</a><a>5</a>',
      changed: true,
    });
  });

  it('keeps web, mail, relative and Liquid addresses, entities and Liquid text as written', () => {
    const kept =
      '<p>Dear {{ subscriber.name | default: "friend" }}, {% if a > 1 %}more{% endif %} a &lt; b&nbsp;c<br>' +
      '<a href="https://example.com/?a=1&amp;b=2">web</a> <a href="mailto:x@example.com">mail</a> ' +
      '<a href="{{ unsubscribe_url }}">out</a> <a href="/page#top">here</a>' +
      '<img src="data:image/png;base64,AAAA" alt="dot"><!-- a note --></p>';
    expect(safeHtml(kept)).toEqual({ html: kept, changed: false });
  });

  it('drops nothing from the texts and buttons of the starters and the hand-written template', () => {
    const handWritten = readFileSync(
      path.resolve(__dirname, '..', 'fixtures', 'visual-editor', 'hand-written.mjml'),
      'utf8',
    );
    const contents: string[] = [];
    const collect = (nodes: ReadonlyArray<{ kind: string; content?: string; children?: unknown[] }>) =>
      nodes.forEach((node) => {
        if ((node.kind === 'text' || node.kind === 'button') && node.content !== undefined) contents.push(node.content);
        if (node.children) collect(node.children as typeof nodes);
      });
    for (const source of [...STARTER_TEMPLATES.map((template) => template.mjml), handWritten])
      collect(open(source).body);
    expect(contents.length).toBeGreaterThan(20);
    expect(contents.filter((content) => safeHtml(content).changed)).toEqual([]);
  });
});

describe('a text written back after typing', () => {
  it('gives Liquid back its comparisons and ampersands, and leaves the HTML around it escaped', () => {
    expect(
      restoreLiquid(
        '<p>{% if count &gt; 1 and count &lt; 5 %}a &lt; b &amp; c{% endif %} {{ a | append: "&amp;" }}&nbsp;x</p>',
      ),
    ).toBe('<p>{% if count > 1 and count < 5 %}a &lt; b &amp; c{% endif %} {{ a | append: "&" }}&nbsp;x</p>');
  });
});
