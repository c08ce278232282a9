/**
 * The document model's functions (pure; unit-tested in test/unit/visual-editor-*.test.ts):
 *
 * - `parseMjml(source): ParseResult`: never throws; `ok: false` with a sentence when the source has no
 *   `<mj-body>` or is not well-formed enough to find its body's children.
 * - `serializeMjml(document): string`: `serializeMjml(parseMjml(x).document) === x` for every x that parses;
 *   `serializeNode(node)` writes one node with its leading whitespace.
 * - `findNode(document, id)`, `parentOf(document, id): Place | null` (`BODY` is the body's `Place.parent`).
 * - `updateNode(document, id, patch)`: patch is `{ attributes }` (the open tag is then written from them),
 *   `{ content }` (text, button, social-element), or `{ source }` (entries); returns a new document.
 *   `replaceNode(document, next)` does the same from a side panel's edited copy of a node.
 * - `insertNode(document, place, node)`, `moveNode(document, id, place)`, `removeNode(document, id)`:
 *   a node may go only where MJML allows it (content blocks in columns, columns in sections, sections,
 *   entries and raw runs in the body or where they came from); otherwise the document is returned unchanged.
 *   An inserted node gets the indentation of its new siblings; a moved one keeps its bytes, and
 *   `place.index` is its index among the new parent's children once it has moved (up: index - 1).
 * - `createBlock(kind, texts): BodyNode | ContentBlock`: a new block with sensible MJML, its visible words
 *   from `texts` (the admin's language); `createSocialElement(network)` a network for a social block.
 * - `entriesLoop(fields, indent?)`: the loop over entries for a content type's fields, the new `source`
 *   of an entries block (`indent` from `indentationOf(document, id)`).
 * - `getAttribute(node, name)`, `setAttribute(attributes, name, value | null)`: one attribute, as written.
 * - `rawRuns(document): RawNode[]`: the raw nodes, for the editor's "kept as written" notice;
 *   `locateNode(document, id)` where one stands in the written MJML (offsets, line) for the code view.
 */
export * from './types';
export { parseMjml } from './parse';
export { serializeMjml, serializeNode } from './serialize';
export { findNode, parentOf, rawRuns, BODY } from './tree';
export { updateNode, insertNode, moveNode, removeNode, replaceNode, type NodePatch } from './edit';
export { createBlock, createSocialElement, entriesLoop, type LoopFields } from './create';
export { getAttribute, setAttribute } from './attributes';
export { containerIndent as indentationOf } from './indent';
export { locateNode } from './locate';
