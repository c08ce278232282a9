/**
 * The document model's functions (pure; unit-tested in test/unit/visual-editor-*.test.ts):
 *
 * - `parseMjml(source): ParseResult`: never throws; `ok: false` with a sentence when the source has no
 *   `<mj-body>` or is not well-formed enough to find its body's children.
 * - `serializeMjml(document): string`: `serializeMjml(parseMjml(x).document) === x` for every x that parses.
 * - `findNode(document, id)`, `parentOf(document, id): Place | null`.
 * - `updateNode(document, id, patch)`: patch is `{ attributes }` (the open tag is then written from them),
 *   `{ content }` (text, button, social-element), or `{ source }` (entries); returns a new document.
 * - `insertNode(document, place, node)`, `moveNode(document, id, place)`, `removeNode(document, id)`:
 *   a node may go only where MJML allows it (content blocks in columns, columns in sections, sections,
 *   entries and raw runs in the body or where they came from); otherwise the document is returned unchanged.
 *   An inserted node gets the indentation of its new siblings.
 * - `createBlock(kind, texts): BodyNode | ContentBlock`: a new block with sensible MJML, its visible words
 *   from `texts` (the admin's language).
 * - `rawRuns(document): RawNode[]`: the raw nodes, for the editor's "kept as written" notice.
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
