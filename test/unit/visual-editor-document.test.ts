import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  locateNode,
  parseMjml,
  rawRuns,
  serializeMjml,
  type VisualDocument,
} from '../../admin/src/visual-editor/document';
import { STARTER_TEMPLATES } from '../../server/src/templates';

// The visual editor's model keeps the source (docs/architecture.md, "Visual editor"): parse, then
// serialize, gives the same bytes; what it does not model is raw, each run exactly as written.
const fixture = readFileSync(path.join(__dirname, '..', 'fixtures', 'visual-editor', 'hand-written.mjml'), 'utf8');

function open(source: string): VisualDocument {
  const result = parseMjml(source);
  if (!result.ok) throw new Error(result.reason);
  return result.document;
}

const wrap = (body: string) => `<mjml>\n  <mj-body>\n${body}\n  </mj-body>\n</mjml>\n`;

describe('parseMjml and serializeMjml', () => {
  it.each(STARTER_TEMPLATES.map((t) => [t.name, t.mjml] as const))(
    'give the %s starter back byte for byte',
    (_, mjml) => {
      expect(serializeMjml(open(mjml))).toBe(mjml);
    },
  );

  it('give the 200-line hand-written newsletter back byte for byte, CRLF line ends too', () => {
    expect(fixture.split('\n').length).toBeGreaterThanOrEqual(190);
    expect(fixture.split('\n').length).toBeLessThanOrEqual(211);
    expect(serializeMjml(open(fixture))).toBe(fixture);
    const crlf = fixture.replace(/\n/g, '\r\n');
    expect(serializeMjml(open(crlf))).toBe(crlf);
  });

  it.each([
    [
      'an XML prolog',
      `<?xml version="1.0" encoding="UTF-8"?>\n${wrap('    <mj-section><mj-column></mj-column></mj-section>')}`,
    ],
    ['comments before <mjml>', `<!-- made by hand -->\n<!-- twice -->\n${wrap('    <mj-section />')}`],
    ['an empty body', '<mjml><mj-body></mj-body></mjml>'],
    ['a body of whitespace', '<mjml>\n  <mj-body>\n  </mj-body>\n</mjml>'],
    ['a self-closing column', wrap('    <mj-section>\n      <mj-column />\n      <mj-column/>\n    </mj-section>')],
    [
      'an image with a close tag',
      wrap('<mj-section><mj-column><mj-image src="a.png">\n</mj-image></mj-column></mj-section>'),
    ],
    ['a self-closing text', wrap('<mj-section><mj-column><mj-text /><mj-button/></mj-column></mj-section>')],
    [
      'upper-case tags and odd spaces',
      wrap('<mj-section  >\n<MJ-COLUMN\n>\t<mj-text\n>x</mj-text ></MJ-COLUMN></mj-section\n>'),
    ],
    ['text left over between elements', wrap('    stray words <mj-section></mj-section> {{ x }} more words\n')],
    ['nothing after </mjml>', '<mjml><mj-body><mj-section></mj-section></mj-body></mjml>'],
  ])('give back %s byte for byte', (_, source) => {
    expect(serializeMjml(open(source))).toBe(source);
  });

  it('reads the sections, columns and blocks it models, each with its source', () => {
    const document = open(STARTER_TEMPLATES[0].mjml);
    expect(document.body.map((node) => node.kind)).toEqual(['section', 'section', 'section', 'section']);
    const stories = document.body[2];
    if (stories.kind !== 'section') throw new Error('not a section');
    expect(stories.children.map((column) => column.kind)).toEqual(['column', 'column']);
    const [first] = stories.children;
    if (first.kind !== 'column') throw new Error('not a column');
    expect(first.children.map((block) => block.kind)).toEqual(['text', 'text', 'button']);
    expect(first.children[2]).toMatchObject({
      kind: 'button',
      openTag: '<mj-button href="https://example.com/first-story" align="left">',
      content: 'Read more',
      closeTag: '</mj-button>',
      attributes: [
        { name: 'href', value: 'https://example.com/first-story' },
        { name: 'align', value: 'left' },
      ],
    });
  });

  it("keeps an ending tag's HTML as written, found by its matching close tag", () => {
    const content = 'a<br>b&nbsp;&amp; a < b <p>open <mj-text>inner</mj-text> </div>';
    const document = open(wrap(`<mj-section><mj-column><mj-text>${content}</mj-text></mj-column></mj-section>`));
    const section = document.body[0];
    if (section.kind !== 'section' || section.children[0].kind !== 'column') throw new Error('no column');
    expect(section.children[0].children).toEqual([expect.objectContaining({ kind: 'text', content })]);
  });

  it('keeps attribute values as written: entities not decoded, Liquid and quotes kept', () => {
    const tag = `<mj-image src='a.png?x=1&amp;y=2' alt="{{ entry.title | default: 'A' }}" />`;
    const document = open(wrap(`<mj-section><mj-column>${tag}</mj-column></mj-section>`));
    const section = document.body[0];
    if (section.kind !== 'section' || section.children[0].kind !== 'column') throw new Error('no column');
    expect(section.children[0].children[0]).toMatchObject({
      kind: 'image',
      openTag: tag,
      closeTag: '',
      attributes: [
        { name: 'src', value: 'a.png?x=1&amp;y=2' },
        { name: 'alt', value: "{{ entry.title | default: 'A' }}" },
      ],
    });
  });

  it('makes a body-level loop over entries one entries block, its else branch included', () => {
    const digest = open(STARTER_TEMPLATES[2].mjml);
    const entries = digest.body.filter((node) => node.kind === 'entries');
    expect(entries).toHaveLength(1);
    const loop = STARTER_TEMPLATES[2].mjml.match(/\{% for entry in entries %\}[\s\S]*\{% endfor %\}/)?.[0];
    expect(entries[0]).toMatchObject({ kind: 'entries', source: loop });
    expect(rawRuns(digest)).toEqual([]);
  });
});

describe('raw runs', () => {
  const document = open(fixture);
  const runs = rawRuns(document);

  it('are what the editor does not model in the hand-written newsletter, with their reasons', () => {
    expect(runs.map((run) => [run.reason, run.name])).toEqual([
      ['liquid', 'assign'],
      ['element', 'mj-wrapper'],
      ['element', 'mj-navbar'],
      ['element', 'mj-hero'],
      ['element', 'mj-raw'],
      ['element', 'mj-raw'],
      ['liquid', 'if'],
      ['comment', null],
      ['element', 'mj-group'],
      ['element', 'mj-raw'],
      ['element', 'mj-table'],
      ['element', 'mj-accordion'],
      ['element', 'mj-carousel'],
      ['comment', null],
    ]);
    expect(document.body.filter((node) => node.kind === 'entries')).toHaveLength(1);
  });

  it('each hold the exact source at their offset, on their line', () => {
    for (const run of runs) {
      const where = locateNode(document, run.id)!;
      expect(fixture.slice(where.start, where.end)).toBe(run.source);
      expect(where.line).toBe(fixture.slice(0, where.start).split('\n').length);
    }
    expect(locateNode(document, runs.find((run) => run.name === 'mj-hero')!.id)?.line).toBe(44);
    const wrapper = runs[1].source;
    expect(wrapper.startsWith('<mj-wrapper')).toBe(true);
    expect(wrapper.endsWith('</mj-wrapper>')).toBe(true);
    expect(runs[6].source).toMatch(/^\{% if campaign\.preheader %\}[\s\S]*<\/mj-section>\n {4}\{% endif %\}$/);
  });

  it('make a Liquid block one run to its matching end tag, nesting and raw blocks counted', () => {
    const liquid = [
      '{% if a %}<mj-text>{% if b %}x{% endif %}</mj-text>{%- endif -%}',
      '{% raw %}{% if c %}{% endraw %}',
      '{% comment %}{% for x in y %}{% endcomment %}',
      '{% unless d %}{% for e in f %}<mj-spacer />{% endfor %}{% endunless %}',
    ];
    const source = wrap(`<mj-section><mj-column>${liquid.join('\n')} {{ g }}</mj-column></mj-section>`);
    const found = rawRuns(open(source));
    expect(found.map((run) => [run.source, run.name])).toEqual([
      ...liquid.map((text) => [text, text.match(/^\{%-?\s*(\w+)/)![1]]),
      ['{{ g }}', null],
    ]);
  });

  it('keep text and Liquid between elements apart, and a loop over something else raw', () => {
    const source = wrap(
      '  {% for x in posts %}<mj-section></mj-section>{% endfor %} Hello {{ name }}, {% assign a = 1 %}',
    );
    expect(rawRuns(open(source)).map((run) => [run.reason, run.source])).toEqual([
      ['liquid', '{% for x in posts %}<mj-section></mj-section>{% endfor %}'],
      ['text', 'Hello'],
      ['liquid', '{{ name }}'],
      ['text', ','],
      ['liquid', '{% assign a = 1 %}'],
    ]);
  });

  it('take a whole element when a Liquid block ends inside it', () => {
    const source = wrap(
      '<mj-section><mj-column>{% if a %}<mj-text>x {% endif %}</mj-text> <mj-spacer /></mj-column></mj-section>',
    );
    expect(rawRuns(open(source)).map((run) => run.source)).toEqual(['{% if a %}<mj-text>x {% endif %}</mj-text>']);
  });
});

describe('parseMjml refuses, with a sentence', () => {
  it('or gives the source back, whichever line of a template is deleted', () => {
    for (const source of [fixture, ...STARTER_TEMPLATES.map((t) => t.mjml)]) {
      const lines = source.split('\n');
      for (const index of lines.keys()) {
        const damaged = lines.filter((_, i) => i !== index).join('\n');
        const result = parseMjml(damaged);
        if (result.ok) expect(serializeMjml(result.document)).toBe(damaged);
        else expect(result.reason).toMatch(/^The .+\.$/);
      }
    }
  });

  it.each([
    ['no body', '<mjml><mj-head></mj-head></mjml>', 'The template has no <mj-body>.'],
    ['another root', '<html><body></body></html>', 'The template does not start with <mjml>.'],
    ['an empty string', '', 'The template has no <mj-body>.'],
    [
      'a body outside <mjml>',
      '<mjml><mj-head><mj-body></mj-body></mj-head></mjml>',
      'The <mj-body> on line 1 is not directly inside <mjml>.',
    ],
    [
      'a self-closing body',
      '<mjml>\n<mj-body />\n</mjml>',
      'The <mj-body> on line 2 is empty and self-closing: write <mj-body></mj-body> to edit it visually.',
    ],
    [
      'a tag that does not close',
      wrap('<mj-section>\n<mj-column>\n</mj-section>'),
      'The <mj-column> on line 4 is not closed.',
    ],
    [
      'an ending tag that does not close',
      wrap('<mj-section><mj-column>\n<mj-text>hi</mj-column></mj-section>'),
      'The <mj-text> on line 4 is not closed.',
    ],
    [
      'a close tag that closes nothing',
      wrap('<mj-section></mj-column></mj-section>'),
      'The </mj-column> on line 3 closes no open tag.',
    ],
    [
      'a Liquid block that ends outside its element',
      wrap('<mj-section><mj-column>\n{% if a %}<mj-text>x</mj-text></mj-column></mj-section>{% endif %}'),
      'The Liquid {% if a %} on line 4 ends outside the element it starts in.',
    ],
  ])('for %s', (_, source, reason) => {
    expect(parseMjml(source)).toEqual({ ok: false, reason });
  });
});
