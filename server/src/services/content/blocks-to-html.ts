/**
 * Strapi 5 `blocks` rich text as email-safe HTML: plain tags, every text escaped, links only to
 * http, https and mailto, images with an absolute URL and their alternative text
 * (docs/architecture.md, "Content in templates").
 */
import { escapeHtml, isSafeLink } from './html-escape';
import { absoluteUrl } from './media';

interface TextNode {
  type: 'text';
  text?: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
  code?: boolean;
}

interface BlockNode {
  type?: string;
  children?: unknown[];
  level?: number;
  format?: string;
  url?: string;
  image?: Record<string, unknown>;
}

// Applied innermost first, so `<strong><em>…</em></strong>` reads as the editor shows it.
const MARKS: Array<[keyof TextNode, string]> = [
  ['code', 'code'],
  ['strikethrough', 's'],
  ['underline', 'u'],
  ['italic', 'em'],
  ['bold', 'strong'],
];

const IMAGE_STYLE = 'display:block;max-width:100%;height:auto;border:0';

function textToHtml(node: TextNode): string {
  const text = escapeHtml(typeof node.text === 'string' ? node.text : '').replace(/\n/g, '<br>');
  return MARKS.reduce((html, [mark, tag]) => (node[mark] === true ? `<${tag}>${html}</${tag}>` : html), text);
}

function childrenOf(node: BlockNode): BlockNode[] {
  return Array.isArray(node.children)
    ? node.children.filter((child): child is BlockNode => Boolean(child) && typeof child === 'object')
    : [];
}

function inlineToHtml(nodes: BlockNode[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'text') return textToHtml(node as TextNode);
      if (node.type === 'link') {
        const inner = inlineToHtml(childrenOf(node));
        const url = typeof node.url === 'string' ? node.url.trim() : '';
        return isSafeLink(url) ? `<a href="${escapeHtml(url)}">${inner}</a>` : inner;
      }
      return '';
    })
    .join('');
}

function plainText(nodes: BlockNode[]): string {
  return nodes
    .map((node) => (node.type === 'text' ? String((node as TextNode).text ?? '') : plainText(childrenOf(node))))
    .join('');
}

function imageToHtml(image: Record<string, unknown> | undefined, base: string): string {
  const src = absoluteUrl(image?.url, base);
  if (!src) return '';
  const alt = typeof image?.alternativeText === 'string' ? image.alternativeText : '';
  const width = typeof image?.width === 'number' ? ` width="${image.width}"` : '';
  return `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}"${width} style="${IMAGE_STYLE}">`;
}

function listToHtml(node: BlockNode): string {
  const tag = node.format === 'ordered' ? 'ol' : 'ul';
  const items = childrenOf(node).map((child) =>
    // A nested list stands beside the items in Strapi's format; HTML wants it inside one.
    child.type === 'list' ? listToHtml(child) : `<li>${inlineToHtml(childrenOf(child))}</li>`,
  );
  return `<${tag}>${items.join('')}</${tag}>`;
}

function blockToHtml(node: BlockNode, base: string): string {
  const inline = () => inlineToHtml(childrenOf(node));
  switch (node.type) {
    case 'paragraph': {
      const html = inline();
      return `<p>${html === '' ? '<br>' : html}</p>`;
    }
    case 'heading': {
      const level = typeof node.level === 'number' && node.level >= 1 && node.level <= 6 ? Math.trunc(node.level) : 2;
      return `<h${level}>${inline()}</h${level}>`;
    }
    case 'list':
      return listToHtml(node);
    case 'quote':
      return `<blockquote>${inline()}</blockquote>`;
    case 'code':
      return `<pre><code>${escapeHtml(plainText(childrenOf(node)))}</code></pre>`;
    case 'image':
      return imageToHtml(node.image, base);
    default:
      return '';
  }
}

/** The HTML of a `blocks` value; anything that is not a list of blocks gives an empty string. */
export function blocksToHtml(blocks: unknown, base: string): string {
  if (!Array.isArray(blocks)) return '';
  return blocks
    .filter((node): node is BlockNode => Boolean(node) && typeof node === 'object')
    .map((node) => blockToHtml(node, base))
    .join('');
}
