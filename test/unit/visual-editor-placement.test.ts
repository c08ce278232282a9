/**
 * Where the visual editor's shell puts things (admin/src/visual-editor/components/placement.ts): a
 * palette click adds after the selection or at the end, a drop zone's gap names the right index once
 * the moved node has left its place.
 */
import { describe, expect, it } from 'vitest';
import { moveNode, parseMjml, serializeMjml, type VisualDocument } from '../../admin/src/visual-editor/document';
import { locate, moveTarget, placeForNew, zoneOfKind } from '../../admin/src/visual-editor/components/placement';

const MJML = `<mjml>
  <mj-body>
    <mj-section>
      <mj-column>
        <mj-text>One</mj-text>
        <mj-text>Two</mj-text>
      </mj-column>
      <mj-column>
        <mj-button href="https://example.com">Three</mj-button>
      </mj-column>
    </mj-section>
    <mj-hero><mj-text>Kept</mj-text></mj-hero>
    <mj-section>
      <mj-column>
        <mj-divider />
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>
`;

function open(mjml: string): VisualDocument {
  const result = parseMjml(mjml);
  if (!result.ok) throw new Error(result.reason);
  return result.document;
}

const document = open(MJML);
const [first, hero, last] = document.body;
if (first.kind !== 'section' || last.kind !== 'section') throw new Error('the sample has two sections');
const [left, right] = first.children;
if (left.kind !== 'column' || right.kind !== 'column') throw new Error('the first section has two columns');
const [one, two] = left.children;

describe('visual editor placement', () => {
  it('finds body nodes, columns and blocks with their parent and place', () => {
    expect(locate(document, hero.id)).toMatchObject({ parent: 'body', index: 1, topIndex: 1 });
    expect(locate(document, right.id)).toMatchObject({ index: 1, topIndex: 0 });
    expect(locate(document, right.id)?.parent).toBe(first);
    expect(locate(document, two.id)).toMatchObject({ node: two, index: 1, topIndex: 0 });
    expect(locate(document, two.id)?.parent).toBe(left);
    expect(locate(document, 'nowhere')).toBeNull();
  });

  it('puts sections and entries in the body, every other block in a column', () => {
    expect(['section', 'columns-2', 'columns-3', 'entries'].map((kind) => zoneOfKind(kind as 'section'))).toEqual([
      'body',
      'body',
      'body',
      'body',
    ]);
    expect(zoneOfKind('text')).toBe('column');
    expect(zoneOfKind('social')).toBe('column');
  });

  it('adds a section after the selected node’s section, or at the end of the body', () => {
    expect(placeForNew(document, 'section', two.id)).toEqual({ parent: 'body', index: 1 });
    expect(placeForNew(document, 'columns-2', hero.id)).toEqual({ parent: 'body', index: 2 });
    expect(placeForNew(document, 'entries', null)).toEqual({ parent: 'body', index: 3 });
  });

  it('adds a block after the selected block, at the end of a selected column, or in the first column', () => {
    expect(placeForNew(document, 'text', one.id)).toEqual({ parent: left.id, index: 1 });
    expect(placeForNew(document, 'image', right.id)).toEqual({ parent: right.id, index: 1 });
    expect(placeForNew(document, 'button', last.id)).toEqual({ parent: last.children[0].id, index: 1 });
    expect(placeForNew(document, 'divider', null)).toEqual({ parent: left.id, index: 2 });
    expect(placeForNew(document, 'spacer', hero.id)).toEqual({ parent: left.id, index: 2 });
  });

  it('has no column for a block in a body without sections: the editor adds one first', () => {
    expect(placeForNew(open('<mjml><mj-body>\n</mj-body></mjml>'), 'text', null)).toBeNull();
  });

  it('counts a drop zone’s gap without the moved node when it leaves an earlier place of the same container', () => {
    expect(moveTarget(document, one.id, { parent: left.id, index: 2 })).toEqual({ parent: left.id, index: 1 });
    expect(moveTarget(document, two.id, { parent: left.id, index: 0 })).toEqual({ parent: left.id, index: 0 });
    expect(moveTarget(document, one.id, { parent: right.id, index: 1 })).toEqual({ parent: right.id, index: 1 });
    expect(moveTarget(document, first.id, { parent: 'body', index: 3 })).toEqual({ parent: 'body', index: 2 });
  });

  it('lands a moved node in the gap its drop zone showed, with the model’s move', () => {
    const afterTwo = moveNode(document, one.id, moveTarget(document, one.id, { parent: left.id, index: 2 }));
    expect(serializeMjml(afterTwo)).toContain('<mj-text>Two</mj-text>\n        <mj-text>One</mj-text>');
    const lastFirst = moveNode(document, last.id, moveTarget(document, last.id, { parent: 'body', index: 0 }));
    expect(lastFirst.body.map((node) => node.id)).toEqual([last.id, first.id, hero.id]);
    const firstLast = moveNode(document, first.id, moveTarget(document, first.id, { parent: 'body', index: 3 }));
    expect(firstLast.body.map((node) => node.id)).toEqual([hero.id, last.id, first.id]);
  });
});
