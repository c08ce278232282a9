import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Liquid } from 'liquidjs';
// @ts-expect-error mjml 5 ships no type declarations; its shape is typed below.
import mjml2html from 'mjml';
import { describe, expect, it } from 'vitest';
import {
  BODY,
  createBlock,
  entriesLoop,
  findNode,
  insertNode,
  moveNode,
  parentOf,
  parseMjml,
  rawRuns,
  removeNode,
  serializeMjml,
  updateNode,
  type AnyNode,
  type BlockKind,
  type ColumnNode,
  type SectionNode,
  type VisualDocument,
} from '../../admin/src/visual-editor/document';
import { compileCampaign } from '../../server/src/services/composing';

// Edits touch only their node (docs/architecture.md, "Visual editor"): the rest of the source keeps
// its bytes, the raw runs above all, and every result still compiles with the server's mjml 5.4.1.
const mjml: (source: string, options: { validationLevel: 'strict' }) => Promise<{ html: string; errors: unknown[] }> =
  mjml2html;
const fixture = readFileSync(path.join(__dirname, '..', 'fixtures', 'visual-editor', 'hand-written.mjml'), 'utf8');
const texts = { text: 'Write something & <mean> it', button: 'Read more', entryTitle: "An article's title" };

function open(source: string): VisualDocument {
  const result = parseMjml(source);
  if (!result.ok) throw new Error(result.reason);
  return result.document;
}

/** The one changed stretch between two strings: what `before` had there and what `after` has. */
function difference(before: string, after: string) {
  let start = 0;
  while (start < before.length && before[start] === after[start]) start++;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  ) {
    end++;
  }
  return { start, removed: before.slice(start, before.length - end), added: after.slice(start, after.length - end) };
}

/** The source compiles as the preview compiles it (Liquid phase 1, then mjml 5.4.1) without an error. */
async function expectCompiles(source: string) {
  const campaign = { name: 'The Harbour Times', subject: 'Spring', preheader: 'News from the quay' };
  const entries = [{ title: 'An entry', description: 'Its text', cover: { url: 'http://127.0.0.1/a.png' } }];
  const { html, errors } = await compileCampaign({ mjml: source, campaign, entries });
  expect(errors).toEqual([]);
  expect(html).toContain('</html>');
}

function expectRawRunsKept(document: VisualDocument, output: string) {
  for (const run of rawRuns(document)) expect(output).toContain(run.source);
}

const base = open(fixture);
const sections = base.body.filter((node): node is SectionNode => node.kind === 'section');
const columnsOf = (section: SectionNode) => section.children.filter((c): c is ColumnNode => c.kind === 'column');
/** The lead story's column: a long text, an image, a button. */
const lead = columnsOf(
  sections.find(
    (s) =>
      columnsOf(s)[0]?.children[0]?.kind === 'text' && s.children.length === 1 && columnsOf(s)[0].children.length === 3,
  )!,
)[0];
/** The two-column section of stories. */
const stories = sections.find((s) => columnsOf(s).length === 2)!;

describe('updateNode', () => {
  it("changes one text's content and no other byte", async () => {
    const text = lead.children[0];
    if (text.kind !== 'text') throw new Error('not a text');
    const after = serializeMjml(updateNode(base, text.id, { content: '<p>New &amp; shorter</p>' }));
    expect(difference(fixture, after)).toEqual({
      start: fixture.indexOf(text.content),
      removed: text.content,
      added: '<p>New &amp; shorter</p>',
    });
    await expectCompiles(after);
  });

  it("rewrites only an image's open tag when its src changes", async () => {
    const image = lead.children[1];
    if (image.kind !== 'image') throw new Error('not an image');
    const attributes = image.attributes.map((a) =>
      a.name === 'src' ? { ...a, value: 'http://127.0.0.1/new.png' } : a,
    );
    const after = serializeMjml(updateNode(base, image.id, { attributes }));
    const start = fixture.indexOf(image.openTag!);
    expect(after.slice(0, start)).toBe(fixture.slice(0, start));
    expect(after.slice(start)).toBe(
      '<mj-image src="http://127.0.0.1/new.png" alt="The north quay, {{ edition }}" width="552px" />' +
        fixture.slice(start + image.openTag!.length),
    );
    await expectCompiles(after);
  });

  it('quotes a value holding " with \' and gives a self-closing text a close tag when it gets content', () => {
    const source = '<mjml><mj-body><mj-section><mj-column><mj-text /></mj-column></mj-section></mj-body></mjml>';
    const document = open(source);
    const column = (document.body[0] as SectionNode).children[0] as ColumnNode;
    const text = column.children[0];
    const withAttribute = updateNode(document, text.id, { attributes: [{ name: 'css-class', value: 'say "hi"' }] });
    expect(serializeMjml(withAttribute)).toContain(`<mj-text css-class='say "hi"' />`);
    expect(serializeMjml(updateNode(document, text.id, { content: 'Hi' }))).toContain('<mj-text>Hi</mj-text>');
  });

  it('leaves the document as it was for a patch the node does not take, and never mutates its input', () => {
    const copy = structuredClone(base);
    expect(updateNode(base, lead.children[1].id, { content: 'images have no content' })).toBe(base);
    expect(updateNode(base, 'no-such-node', { content: 'x' })).toBe(base);
    const entries = base.body.find((node) => node.kind === 'entries')!;
    expect(updateNode(base, entries.id, { source: '{% for entry in entries %}{% endfor %} extra' })).toBe(base);
    expect(updateNode(base, entries.id, { source: '{% for entry in entries %}<mj-section>{% endfor %}' })).toBe(base);
    // Content that would close its element early, or open one that swallows what follows, is refused.
    expect(updateNode(base, lead.children[0].id, { content: 'a</mj-text><mj-text>b' })).toBe(base);
    expect(updateNode(base, lead.children[0].id, { content: 'a <mj-text>b' })).toBe(base);
    expect(updateNode(base, lead.children[0].id, { content: 'a <br> b &nbsp; <p>c' })).not.toBe(base);
    updateNode(base, lead.children[0].id, { content: 'changed' });
    moveNode(base, lead.children[0].id, { parent: lead.id, index: 2 });
    expect(base).toEqual(copy);
  });
});

describe('moveNode and removeNode', () => {
  it('move a block between columns, carrying its bytes', async () => {
    const [left, right] = columnsOf(stories);
    const button = left.children[3];
    const moved = moveNode(base, button.id, { parent: right.id, index: 0 });
    expect(parentOf(moved, button.id)).toEqual({ parent: right.id, index: 0 });
    const after = serializeMjml(moved);
    expect(after).toContain(
      '<mj-column padding="0 12px">\n        <mj-button href="https://example.com/market" align="left">Read more</mj-button>\n' +
        '        <mj-image src="https://example.com/images/regatta.jpg"',
    );
    expect(after.length).toBe(fixture.length);
    expectRawRunsKept(base, after);
    await expectCompiles(after);
  });

  it('move a column into another section', async () => {
    const [, right] = columnsOf(stories);
    const leadSection = sections.find((section) => section.children.includes(lead))!;
    const moved = moveNode(base, right.id, { parent: leadSection.id, index: 1 });
    expect(columnsOf(findNode(moved, leadSection.id) as SectionNode).map((column) => column.id)).toEqual([
      lead.id,
      right.id,
    ]);
    const after = serializeMjml(moved);
    expect(after.length).toBe(fixture.length);
    expectRawRunsKept(base, after);
    await expectCompiles(after);
  });

  it('move a section up, above the section before it', async () => {
    const index = base.body.indexOf(stories);
    const moved = moveNode(base, stories.id, { parent: BODY, index: index - 1 });
    expect(moved.body[index - 1].id).toBe(stories.id);
    expect(moved.body[index].id).toBe(base.body[index - 1].id);
    const after = serializeMjml(moved);
    expect(after.indexOf('The lead story')).toBeLessThan(after.indexOf('Regatta week'));
    expect(after.indexOf('Regatta week')).toBeLessThan(after.indexOf('Read the notice'));
    expectRawRunsKept(base, after);
    await expectCompiles(after);
  });

  it('removes a block and its leading whitespace only', async () => {
    const button = lead.children[2];
    if (button.kind !== 'button') throw new Error('not a button');
    const after = serializeMjml(removeNode(base, button.id));
    const removed = button.leading + button.openTag + button.content + button.closeTag;
    const start = fixture.indexOf(button.openTag!) - button.leading.length;
    expect(fixture.slice(start, start + removed.length)).toBe(removed);
    expect(after).toBe(fixture.slice(0, start) + fixture.slice(start + removed.length));
    expect(findNode(removeNode(base, button.id), button.id)).toBeNull();
    await expectCompiles(after);
  });

  it('return the same document for every move MJML does not allow', () => {
    const [left] = columnsOf(stories);
    const runs = rawRuns(base);
    const navbar = runs.find((run) => run.name === 'mj-navbar')!;
    const wrapper = runs.find((run) => run.name === 'mj-wrapper')!;
    const entries = base.body.find((node) => node.kind === 'entries')!;
    const illegal: Array<[string, string, number]> = [
      [left.children[0].id, BODY, 0], // a text in the body
      [stories.id, left.id, 0], // a section in a column
      [left.id, BODY, 0], // a column in the body
      [left.id, lead.id, 0], // a column in a column
      [entries.id, stories.id, 0], // entries in a section
      [navbar.id, BODY, 0], // a raw run of a column in the body
      [wrapper.id, left.id, 0], // a raw run of the body in a column
      [left.children[0].id, lead.id, 9], // past the end
      [left.children[0].id, lead.id, -1],
      [left.children[0].id, 'no-such-parent', 0],
      ['no-such-node', lead.id, 0],
    ];
    for (const [id, parent, index] of illegal) expect(moveNode(base, id, { parent, index })).toBe(base);
    expect(moveNode(base, navbar.id, { parent: lead.id, index: 0 })).not.toBe(base);
  });
});

describe('createBlock and insertNode', () => {
  const kinds: BlockKind[] = [
    'section',
    'columns-2',
    'columns-3',
    'entries',
    'text',
    'image',
    'button',
    'divider',
    'spacer',
    'social',
  ];

  it.each(kinds)('insert a new %s into the hand-written newsletter, which still compiles', async (kind) => {
    const block = createBlock(kind, texts);
    const inBody = block.kind === 'section' || block.kind === 'entries';
    const place = inBody ? { parent: BODY, index: base.body.indexOf(stories) } : { parent: lead.id, index: 1 };
    const document = insertNode(base, place, block);
    expect(parentOf(document, block.id)).toEqual(place);
    const after = serializeMjml(document);
    const { added, removed } = difference(fixture, after);
    expect(removed).toBe('');
    // The new block's lines take its siblings' indentation.
    const indent = inBody ? '    ' : '        ';
    expect(added.split('\n')[1].startsWith(indent) || added.startsWith(`\n${indent}<`)).toBe(true);
    expectRawRunsKept(base, after);
    expect(serializeMjml(open(after))).toBe(after);
    await expectCompiles(after);
  });

  it('write readable MJML with the words given', () => {
    const source = '<mjml>\n  <mj-body>\n  </mj-body>\n</mjml>\n';
    let document = open(source);
    const section = createBlock('columns-2', texts) as SectionNode;
    document = insertNode(document, { parent: BODY, index: 0 }, section);
    const [column] = section.children;
    for (const kind of ['text', 'image', 'button', 'social'] as const) {
      const index = (findNode(document, column.id) as ColumnNode).children.length;
      document = insertNode(document, { parent: column.id, index }, createBlock(kind, texts));
    }
    const written = serializeMjml(document);
    expect(written).toContain(
      [
        '    <mj-section>',
        '      <mj-column>',
        '        <mj-text><p>Write something &amp; &lt;mean&gt; it</p></mj-text>',
        '        <mj-image src="" alt="" />',
        '        <mj-button href="https://">Read more</mj-button>',
        '        <mj-social>',
        '          <mj-social-element name="facebook-noshare" href="https://" />',
        '          <mj-social-element name="x-noshare" href="https://" />',
        '        </mj-social>',
        '      </mj-column>',
        '      <mj-column>',
        '      </mj-column>',
        '    </mj-section>',
      ].join('\n'),
    );
  });

  it('takes the document’s tabs and CRLF line ends', () => {
    const source = '<mjml>\r\n\t<mj-body>\r\n\t\t<mj-section>\r\n\t\t</mj-section>\r\n\t</mj-body>\r\n</mjml>';
    const document = open(source);
    const section = createBlock('section', texts);
    const after = serializeMjml(insertNode(document, { parent: BODY, index: 1 }, section));
    expect(after).toBe(
      '<mjml>\r\n\t<mj-body>\r\n\t\t<mj-section>\r\n\t\t</mj-section>\r\n' +
        '\t\t<mj-section>\r\n\t\t\t<mj-column>\r\n\t\t\t</mj-column>\r\n\t\t</mj-section>\r\n\t</mj-body>\r\n</mjml>',
    );
  });

  it('indents with tabs in a part of the document written with tabs', () => {
    const tabbed = sections.find((s) => s.leading === '\n\t')!;
    const [column] = columnsOf(tabbed);
    let document = insertNode(base, { parent: column.id, index: 0 }, createBlock('social', texts));
    const empty = createBlock('section', texts) as SectionNode;
    document = moveNode(insertNode(document, { parent: BODY, index: 0 }, empty), empty.id, { parent: BODY, index: 1 });
    document = insertNode(document, { parent: empty.children[0].id, index: 0 }, createBlock('spacer', texts));
    const after = serializeMjml(document);
    expect(after).toContain(
      '<mj-column>\n\t\t\t<mj-social>\n\t\t\t\t<mj-social-element name="facebook-noshare" href="https://" />\n' +
        '\t\t\t\t<mj-social-element name="x-noshare" href="https://" />\n\t\t\t</mj-social>\n\t\t\t<mj-text\n',
    );
    expect(after).toContain(
      '    <mj-section>\n      <mj-column>\n        <mj-spacer height="24px" />\n      </mj-column>',
    );
  });

  it('opens a self-closing container written inline to take a child', () => {
    const source = '<mjml><mj-body><mj-section><mj-column /></mj-section></mj-body></mjml>';
    const document = open(source);
    const column = (document.body[0] as SectionNode).children[0];
    const after = serializeMjml(insertNode(document, { parent: column.id, index: 0 }, createBlock('divider', texts)));
    expect(after).toBe(
      // Nested two steps below the body, the divider is indented two steps deeper than the column.
      '<mjml><mj-body><mj-section><mj-column>\n      <mj-divider />\n    </mj-column></mj-section></mj-body></mjml>',
    );
  });

  it('refuses a block where MJML does not take it, or a node already in the document', () => {
    const text = createBlock('text', texts);
    expect(insertNode(base, { parent: BODY, index: 0 }, text)).toBe(base);
    expect(insertNode(base, { parent: stories.id, index: 0 }, createBlock('section', texts))).toBe(base);
    expect(insertNode(base, { parent: lead.id, index: 0 }, createBlock('entries', texts))).toBe(base);
    expect(insertNode(base, { parent: lead.id, index: 0 }, lead.children[0] as AnyNode)).toBe(base);
  });
});

describe('entriesLoop', () => {
  it("writes a loop over a content type's fields that parses back as one entries block and compiles", async () => {
    const source = entriesLoop({ image: 'cover', title: 'title', text: 'body', richText: true }, '    ');
    expect(source).toBe(
      [
        '{% for entry in entries %}',
        '    <mj-section>',
        '      <mj-column>',
        '        {% if entry.cover.url %}<mj-image src="{{ entry.cover.url }}" alt="{{ entry.cover.alternativeText | default: entry.title }}" />{% endif %}',
        '        <mj-text font-size="18px" font-weight="bold">{{ entry.title }}</mj-text>',
        '        <mj-text>{{ entry.body | raw }}</mj-text>',
        '      </mj-column>',
        '    </mj-section>',
        '    {% endfor %}',
      ].join('\n'),
    );
    const entries = base.body.find((node) => node.kind === 'entries')!;
    const document = updateNode(base, entries.id, { source });
    expect(findNode(document, entries.id)).toMatchObject({ kind: 'entries', source });
    const after = serializeMjml(document);
    const reopened = open(after);
    expect(
      reopened.body.filter((node) => node.kind === 'entries').map((node) => node.kind === 'entries' && node.source),
    ).toEqual([source]);
    await expectCompiles(after);
  });

  it('prints a plain text field escaped and a field name Liquid cannot read by dot in brackets', () => {
    const source = entriesLoop({ title: 'headline', text: 'sub-title', richText: false });
    expect(source).toContain('<mj-text>{{ entry["sub-title"] }}</mj-text>');
    expect(source).not.toContain('mj-image');
  });
});

describe('the hand-written newsletter', () => {
  it('compiles with mjml 5.4.1 at the strict validation level once its Liquid is rendered', async () => {
    const rendered = await new Liquid().parseAndRender(fixture, {
      campaign: { name: 'The Harbour Times', subject: 'Spring', preheader: 'News from the quay' },
      entries: [{ title: 'An entry', description: 'Its text' }],
      subscriber: { name: 'Ada' },
      unsubscribe_url: 'http://127.0.0.1/unsubscribe',
      preferences_url: 'http://127.0.0.1/preferences',
    });
    const { html, errors } = await mjml(rendered, { validationLevel: 'strict' });
    expect(errors).toEqual([]);
    expect(html).toContain('Dear Ada,');
  });
});
