/**
 * The entries block's loop. A block straight from the palette loops with a generic `{{ entry.title }}`;
 * when the first entry is chosen, that loop is replaced by one printing the fields of the entry's type
 * (document/entriesLoop). A loop the person changed, or one from a template, is never replaced.
 */
import { createBlock, entriesLoop, parseMjml } from '../../document';
import type { EntriesNode } from '../../document/types';
import type { EntryFields } from '../../../utils/entryFields';

// Stands for the placeholder words, which depend on the admin's language when the block was made.
const MARK = 'ENTRIES_PLACEHOLDER_MARK';
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// The shell re-indents a new block to where it lands: whitespace runs count as one space.
const squeeze = (source: string) => source.replace(/\s+/g, ' ').trim();

/** Still the loop `createBlock('entries')` makes, whatever words its placeholder was given. */
export function isUntouchedLoop(node: EntriesNode): boolean {
  const fresh = createBlock('entries', { text: '', button: '', entryTitle: MARK });
  if (fresh.kind !== 'entries') return false;
  const pattern = escapeRegExp(squeeze(fresh.source)).split(MARK).join('[^<>{}]*');
  return new RegExp(`^${pattern}$`).test(squeeze(node.source));
}

/** The source of an entries node looping over `fields`, indented like `node`, as the model parses it. */
export function loopSourceFor(node: EntriesNode, fields: EntryFields): string | null {
  const indent = /[^\n]*$/.exec(node.leading)?.[0] ?? '';
  const parsed = parseMjml(`<mjml><mj-body>${entriesLoop(fields, indent)}</mj-body></mjml>`);
  if (!parsed.ok) return null;
  const [loop] = parsed.document.body;
  return loop?.kind === 'entries' && parsed.document.body.length === 1 ? loop.source : null;
}
