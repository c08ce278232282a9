import { describe, expect, it } from 'vitest';
import {
  createSocialElement,
  findNode,
  getAttribute,
  insertNode,
  locateNode,
  parseMjml,
  replaceNode,
  serializeMjml,
  setAttribute,
  type ColumnNode,
  type ImageBlock,
  type SectionNode,
  type SocialBlock,
  type TextBlock,
  type VisualDocument,
} from '../../admin/src/visual-editor/document';

// What the side panels use (docs/architecture.md, "Visual editor", Blocks): one attribute at a time,
// the panel's edited copy of a node, a network added to a social block, a node's line in the code view.
const source = [
  '<mjml>',
  '  <mj-body>',
  '    <mj-section>',
  '      <mj-column>',
  '        <mj-image src=\'a.png\' alt="A &amp; B" width="300px" />',
  '        <mj-text color="#333">Hello</mj-text>',
  '        <mj-social>',
  '          <mj-social-element name="facebook" href="https://example.com/f" />',
  '        </mj-social>',
  '      </mj-column>',
  '    </mj-section>',
  '  </mj-body>',
  '</mjml>',
].join('\n');

function open(mjml: string): VisualDocument {
  const result = parseMjml(mjml);
  if (!result.ok) throw new Error(result.reason);
  return result.document;
}

const document = open(source);
const column = (document.body[0] as SectionNode).children[0] as ColumnNode;
const [image, text, social] = column.children as [ImageBlock, TextBlock, SocialBlock];

describe('getAttribute and setAttribute', () => {
  it('read a value as written and change one in its place, add one last, remove one', () => {
    expect(getAttribute(image, 'alt')).toBe('A &amp; B');
    expect(getAttribute(image, 'href')).toBeNull();
    const changed = setAttribute(setAttribute(image.attributes, 'src', 'b.png'), 'align', 'left');
    expect(changed).toEqual([
      { name: 'src', value: 'b.png' },
      { name: 'alt', value: 'A &amp; B' },
      { name: 'width', value: '300px' },
      { name: 'align', value: 'left' },
    ]);
    expect(setAttribute(changed, 'width', null).map((a) => a.name)).toEqual(['src', 'alt', 'align']);
  });
});

describe('replaceNode', () => {
  it("takes a panel's copy: new attributes rewrite only the open tag, new content only the content", () => {
    let next = replaceNode(document, { ...image, attributes: setAttribute(image.attributes, 'src', 'b.png') });
    next = replaceNode(next, { ...text, content: 'Hello <b>again</b>' });
    expect(serializeMjml(next)).toBe(
      source
        .replace(
          `<mj-image src='a.png' alt="A &amp; B" width="300px" />`,
          '<mj-image src="b.png" alt="A &amp; B" width="300px" />',
        )
        .replace('>Hello<', '>Hello <b>again</b><'),
    );
  });

  it('changes nothing for an unchanged copy, a copy of another kind, or a node not in the document', () => {
    expect(replaceNode(document, { ...image })).toBe(document);
    expect(replaceNode(document, { ...text, kind: 'button' } as never)).toBe(document);
    expect(replaceNode(document, { ...text, id: 'elsewhere', content: 'x' })).toBe(document);
    // The open tag, children and whitespace come from the document, not the copy.
    expect(replaceNode(document, { ...text, openTag: '<mj-text color="red">', leading: '' })).toBe(document);
  });
});

describe('createSocialElement', () => {
  it('adds a network to a social block, indented like the others', () => {
    const added = insertNode(document, { parent: social.id, index: 1 }, createSocialElement('instagram'));
    expect(serializeMjml(added)).toBe(
      source.replace(
        'href="https://example.com/f" />\n',
        'href="https://example.com/f" />\n          <mj-social-element name="instagram" href="https://" />\n',
      ),
    );
    expect((findNode(added, social.id) as SocialBlock).children).toHaveLength(2);
  });
});

describe('locateNode', () => {
  it("gives a node's offsets and line in the MJML the document writes, after edits too", () => {
    expect(locateNode(document, text.id)).toEqual({
      start: source.indexOf('<mj-text'),
      end: source.indexOf('</mj-text>') + '</mj-text>'.length,
      line: 6,
    });
    const edited = insertNode(document, { parent: column.id, index: 0 }, createSocialElement('x'));
    expect(edited).toBe(document); // a social element belongs in a social block, not a column
    const withImage = replaceNode(document, { ...image, attributes: [{ name: 'src', value: 'much-longer-name.png' }] });
    const written = serializeMjml(withImage);
    const where = locateNode(withImage, text.id)!;
    expect(written.slice(where.start, where.end)).toBe('<mj-text color="#333">Hello</mj-text>');
    expect(locateNode(document, 'no-such-node')).toBeNull();
  });
});
