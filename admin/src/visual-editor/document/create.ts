/**
 * New blocks from the palette: readable MJML, written at indentation zero with `\n`; insertNode gives
 * them their siblings' indentation and the document's line ending. The words come in the admin's
 * language (`texts`), escaped as HTML.
 */
import { newId } from './ids';
import type {
  BlockKind,
  BlockTexts,
  BodyNode,
  ColumnNode,
  ContentBlock,
  ElementParts,
  SectionNode,
  SocialElement,
} from './types';

/** The fields of a content type an entries loop prints (names from its schema). */
export interface LoopFields {
  /** A media field: the entry's image, with its alternative text. */
  image?: string;
  /** The field printed as the entry's title. */
  title: string;
  /** A text field printed under the title. */
  text?: string;
  /** The text field holds HTML (rich text, blocks): printed with `| raw`, not escaped. */
  richText?: boolean;
}

export function createBlock(kind: BlockKind, texts: BlockTexts): BodyNode | ContentBlock {
  switch (kind) {
    case 'section':
      return section(1);
    case 'columns-2':
      return section(2);
    case 'columns-3':
      return section(3);
    case 'entries':
      return { kind: 'entries', id: newId(), leading: '\n', source: genericLoop(texts.entryTitle) };
    case 'text':
      return { ...element('mj-text', [], true), kind: 'text', content: `<p>${escapeHtml(texts.text)}</p>` };
    case 'image':
      return {
        ...element(
          'mj-image',
          [
            ['src', ''],
            ['alt', ''],
          ],
          false,
        ),
        kind: 'image',
      };
    case 'button':
      return {
        ...element('mj-button', [['href', 'https://']], true),
        kind: 'button',
        content: escapeHtml(texts.button),
      };
    case 'divider':
      return { ...element('mj-divider', [], false), kind: 'divider' };
    case 'spacer':
      return { ...element('mj-spacer', [['height', '24px']], false), kind: 'spacer' };
    case 'social':
      return {
        ...element('mj-social', [], true),
        kind: 'social',
        // `-noshare`: the icons lead to the addresses typed, not to the networks' share pages around them.
        children: [createSocialElement('facebook-noshare'), createSocialElement('x-noshare')].map((child) => ({
          ...child,
          leading: '\n  ',
        })),
        trailing: '\n',
      };
  }
}

/**
 * The body-level loop over the campaign's entries for a content type's fields: one section per entry,
 * its image when it has one, its title and its text. It parses back as one entries block. Lines after
 * the first are indented with `indent`, the indentation of the line the loop starts on.
 */
export function entriesLoop(fields: LoopFields, indent = ''): string {
  const field = (name: string) => (/^[A-Za-z_]\w*$/.test(name) ? `entry.${name}` : `entry["${name}"]`);
  const title = field(fields.title);
  const lines = [
    fields.image
      ? `{% if ${field(fields.image)}.url %}<mj-image src="{{ ${field(fields.image)}.url }}" ` +
        `alt="{{ ${field(fields.image)}.alternativeText | default: ${title} }}" />{% endif %}`
      : null,
    `<mj-text font-size="18px" font-weight="bold">{{ ${title} }}</mj-text>`,
    fields.text ? `<mj-text>{{ ${field(fields.text)}${fields.richText === false ? '' : ' | raw'} }}</mj-text>` : null,
  ].filter((line): line is string => line !== null);
  return loop(lines, null).replace(/\n/g, `\n${indent}`);
}

/** A loop whose placeholder section shows while no entry is chosen. */
function genericLoop(placeholder: string): string {
  const title = (text: string) => `<mj-text font-size="18px" font-weight="bold">${text}</mj-text>`;
  return loop([title('{{ entry.title }}')], [title(escapeHtml(placeholder))]);
}

function loop(blocks: string[], otherwise: string[] | null): string {
  const section = (lines: string[]) => [
    '<mj-section>',
    '  <mj-column>',
    ...lines.map((line) => `    ${line}`),
    '  </mj-column>',
    '</mj-section>',
  ];
  const empty = otherwise ? ['{% else %}', ...section(otherwise)] : [];
  return ['{% for entry in entries %}', ...section(blocks), ...empty, '{% endfor %}'].join('\n');
}

function section(columns: number): SectionNode {
  const column = (): ColumnNode => ({
    ...element('mj-column', [], true),
    leading: '\n  ',
    kind: 'column',
    children: [],
    trailing: '\n  ',
  });
  return {
    ...element('mj-section', [], true),
    kind: 'section',
    children: Array.from({ length: columns }, column),
    trailing: '\n',
  };
}

/** A network's icon for a social block (`facebook`, `x`, `instagram`, ... as mjml names them), linking nowhere yet. */
export function createSocialElement(network: string): SocialElement {
  const parts = element(
    'mj-social-element',
    [
      ['name', network],
      ['href', 'https://'],
    ],
    false,
  );
  return { ...parts, kind: 'social-element', content: '' };
}

/** A new element: written from its attributes (`openTag` null); `closed` gives it a close tag. */
function element(tag: string, attributes: Array<[string, string]>, closed: boolean): ElementParts {
  return {
    id: newId(),
    leading: '\n',
    tag,
    attributes: attributes.map(([name, value]) => ({ name, value })),
    openTag: null,
    closeTag: closed ? `</${tag}>` : '',
  };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
