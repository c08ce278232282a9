/**
 * How a section and a column look on the canvas, from their MJML attributes and MJML's defaults
 * (mj-section: padding 20px 0; mj-column: none). The shell lays the columns out side by side and uses
 * these for their boxes; values React cannot apply (Liquid, typos) are simply ignored by the browser.
 */
import type { CSSProperties } from 'react';
import type { ColumnNode, SectionNode } from '../../document/types';
import { attributeReader, type HeadAttributes } from '../headAttributes';

/** The width MJML lays a body out at by default; a full-width section's background runs past it. */
export const BODY_WIDTH = 600;

export function sectionStyle(node: SectionNode, head?: HeadAttributes): CSSProperties {
  const read = attributeReader(node, head);
  const fullWidth = read('full-width') === 'full-width';
  return {
    backgroundColor: read('background-color'),
    padding: read('padding') ?? '20px 0',
    textAlign: read('text-align') as CSSProperties['textAlign'],
    borderRadius: read('border-radius'),
    border: read('border'),
    display: 'flex',
    maxWidth: fullWidth ? undefined : BODY_WIDTH,
    margin: '0 auto',
  };
}

const VERTICAL: Record<string, CSSProperties['alignSelf']> = {
  top: 'flex-start',
  middle: 'center',
  bottom: 'flex-end',
};

/**
 * A column's box: its `width` (`50%` or `200px`) as a flex basis, else an equal share of `count`
 * columns, as MJML divides a section.
 */
export function columnStyle(node: ColumnNode, count = 1, head?: HeadAttributes): CSSProperties {
  const read = attributeReader(node, head);
  const width = read('width');
  const basis = width && /^\d+(\.\d+)?(px|%)$/.test(width.trim()) ? width.trim() : `${100 / Math.max(count, 1)}%`;
  return {
    flex: `0 0 ${basis}`,
    maxWidth: basis,
    minWidth: 0,
    boxSizing: 'border-box',
    backgroundColor: read('background-color'),
    padding: read('padding'),
    border: read('border'),
    borderRadius: read('border-radius'),
    alignSelf: VERTICAL[read('vertical-align') ?? 'top'] ?? 'flex-start',
  };
}
