/**
 * Which fields of a content type a loop over its entries prints: the first image, the title, and the
 * first long text (rich text printed as HTML). The code view's snippet (ContentPicker) and the visual
 * editor's entries block (document/entriesLoop) write their loops from the same choice.
 */
import { titleField, type ContentType } from '../api/content';

export interface EntryFields {
  /** A media field: printed as an image with its alternative text. */
  image?: string;
  title: string;
  /** A long text: a rich one (`richtext`, `blocks`) arrives as HTML and is printed with `| raw`. */
  text?: string;
  richText?: boolean;
}

const RICH_TEXT = ['richtext', 'blocks'];

export function entryFields(type: ContentType): EntryFields {
  const title = titleField(type);
  const names = Object.keys(type.attributes);
  const image = names.find((name) => type.attributes[name].type === 'media');
  const text =
    names.find((name) => name !== title && RICH_TEXT.includes(type.attributes[name].type)) ??
    names.find((name) => name !== title && type.attributes[name].type === 'text');
  return { image, title, text, richText: text ? RICH_TEXT.includes(type.attributes[text].type) : undefined };
}
