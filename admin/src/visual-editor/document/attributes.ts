/**
 * Reading and changing one attribute of an element, for the side panels. Values are as written in the
 * source (not entity-decoded), so a panel shows and writes what the code view shows.
 */
import type { Attribute } from './types';

/** The value of the first attribute with that name, or null when the element does not have it. */
export function getAttribute(node: { attributes: Attribute[] }, name: string): string | null {
  return node.attributes.find((attribute) => attribute.name === name)?.value ?? null;
}

/**
 * The attributes with `name` set to `value` (in its place when present, last when new) or removed
 * when `value` is null; pass the result to `updateNode(document, id, { attributes })`.
 */
export function setAttribute(attributes: Attribute[], name: string, value: string | null): Attribute[] {
  if (value === null) return attributes.filter((attribute) => attribute.name !== name);
  if (!attributes.some((attribute) => attribute.name === name)) return [...attributes, { name, value }];
  return attributes.map((attribute) => (attribute.name === name ? { name, value } : attribute));
}
