/**
 * The entries block's loop. A block straight from the palette loops with a generic `{{ entry.title }}`;
 * when the first entry is chosen, that loop is replaced by one printing the fields of the entry's type
 * (document/entriesLoop). A loop the person changed, or one from a template, is never replaced.
 */
import { createBlock, entriesLoop, parseMjml } from '../../document';
import type { BlockTexts, EntriesNode } from '../../document/types';
import type { EntryFields } from '../../../utils/entryFields';

/** Still the loop `createBlock('entries')` makes with these words. */
export function isUntouchedLoop(node: EntriesNode, texts: BlockTexts): boolean {
  const fresh = createBlock('entries', texts);
  return fresh.kind === 'entries' && fresh.source.trim() === node.source.trim();
}

/** The source of an entries node looping over `fields`, as the model parses it (its whitespace apart). */
export function loopSourceFor(fields: EntryFields): string | null {
  const loop = entriesLoop(fields);
  const parsed = parseMjml(`<mjml><mj-body>${loop}</mj-body></mjml>`);
  if (!parsed.ok) return null;
  const [node] = parsed.document.body;
  return node?.kind === 'entries' && parsed.document.body.length === 1 ? node.source : null;
}
