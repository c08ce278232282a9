/**
 * The attributes a template's head gives its elements (`<mj-attributes>`: `<mj-all>`, one tag's defaults,
 * `<mj-class>`), so the canvas draws a block as MJML will: the starters set their fonts, sizes and colours
 * there. MJML's order applies: the element's own attribute, then its mj-class (a later class over an
 * earlier one), then its tag's defaults, then mj-all; the component's own default after that.
 */
import type { ElementParts } from '../document/types';
import { attributeOf } from './attributes';

type Values = Record<string, string>;

export interface HeadAttributes {
  all: Values;
  tags: Record<string, Values>;
  classes: Record<string, Values>;
}

const NO_HEAD: HeadAttributes = { all: {}, tags: {}, classes: {} };
const BLOCKS = /<mj-attributes\b[^>]*>([\s\S]*?)<\/mj-attributes\s*>/gi;
const TAG = /<(mj-[\w-]+)((?:\s+[\w-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/gi;
const ATTRIBUTE = /([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function valuesOf(attributes: string): Values {
  const values: Values = {};
  for (const match of attributes.matchAll(ATTRIBUTE)) values[match[1]] = match[2] ?? match[3];
  return values;
}

export function readHeadAttributes(head: string): HeadAttributes {
  const found: HeadAttributes = { all: {}, tags: {}, classes: {} };
  for (const block of head.matchAll(BLOCKS)) {
    for (const [, tag, attributes] of block[1].matchAll(TAG)) {
      const values = valuesOf(attributes);
      if (tag === 'mj-all') Object.assign(found.all, values);
      else if (tag === 'mj-class') {
        const { name, ...rest } = values;
        if (name) found.classes[name] = { ...found.classes[name], ...rest };
      } else found.tags[tag] = { ...found.tags[tag], ...values };
    }
  }
  return found;
}

/** What `name` is for `node` once the head's attributes apply; undefined leaves MJML's default. */
export function attributeReader(node: ElementParts, head: HeadAttributes = NO_HEAD) {
  const classes = (attributeOf(node, 'mj-class') ?? '').split(/\s+/).filter(Boolean);
  return (name: string): string | undefined => {
    const own = attributeOf(node, name);
    if (own !== undefined) return own;
    for (const className of [...classes].reverse()) {
      const value = head.classes[className]?.[name];
      if (value !== undefined) return value;
    }
    return head.tags[node.tag]?.[name] ?? head.all[name];
  };
}

/** What `name` would be without the node's own value: the side panel shows it as the placeholder. */
export const inheritedValue = (node: ElementParts, name: string, head?: HeadAttributes): string | undefined =>
  attributeReader({ ...node, attributes: node.attributes.filter((attribute) => attribute.name !== name) }, head)(name);

/** `inheritedFor(node, head)('font-size', '13px')`: the inherited value, else MJML's default for it. */
export const inheritedFor =
  (node: ElementParts, head?: HeadAttributes) =>
  (name: string, fallback: string): string =>
    inheritedValue(node, name, head) ?? fallback;
