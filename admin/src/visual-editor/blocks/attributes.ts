/**
 * Reading and editing a node's attributes as written in the source (values are never entity-decoded,
 * so Liquid and whatever the author wrote survive). An edit returns a copy whose `openTag` is null:
 * the serializer then writes that one tag from its attributes and leaves every other byte alone.
 */
import { getAttribute, setAttribute, type ElementParts } from '../document';

export const attributeOf = (node: ElementParts, name: string): string | undefined =>
  getAttribute(node, name) ?? undefined;

/** A copy with `name` set to `value`; an empty value removes the attribute (MJML's default applies). */
export function withAttribute<N extends ElementParts>(node: N, name: string, value: string): N {
  return withAttributes(node, { [name]: value });
}

/** Several attributes at once (one render, one history step); unchanged values give the node back. */
export function withAttributes<N extends ElementParts>(node: N, values: Record<string, string>): N {
  let attributes = node.attributes;
  for (const [name, value] of Object.entries(values)) {
    const next = value === '' ? null : value;
    if (getAttribute({ attributes }, name) !== next) attributes = setAttribute(attributes, name, next);
  }
  return attributes === node.attributes ? node : { ...node, attributes, openTag: null };
}

/** True when a value holds Liquid (`{{ … }}` or `{% … %}`): the canvas cannot show what it becomes. */
export const hasLiquid = (value: string | undefined) => /\{\{|\{%/.test(value ?? '');

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', '#39': "'" };

/** An attribute value as the browser reads it (`a&amp;b` is `a&b`), for showing it on the canvas. */
export const attributeText = (value: string | undefined) =>
  (value ?? '').replace(/&(amp|quot|apos|lt|gt|#39);/g, (_, name: string) => ENTITIES[name]);
