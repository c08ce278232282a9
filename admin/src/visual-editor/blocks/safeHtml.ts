/**
 * The canvas shows a template's HTML inside the admin, where campaign HTML must never run (the preview is
 * a sandboxed frame for that reason). The HTML is read with htmlparser2, never by the browser (Chromium
 * reports every inline handler it parses against the admin's Content-Security-Policy, even in an inert
 * template), and written again without what could run or reach outside the block: scripts, frames,
 * styles, event handlers, script URLs. It says whether it dropped anything: such a text is shown but
 * edited only in the code view, since writing the canvas back would lose what was dropped.
 */
import { Parser } from 'htmlparser2';

const DROPPED_ELEMENTS = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'style',
  'link',
  'meta',
  'base',
  'form',
  'noscript',
  'template',
  'svg',
  'math',
]);
const VOID_ELEMENTS = new Set(['area', 'br', 'col', 'hr', 'img', 'input', 'source', 'track', 'wbr']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'background', 'srcset']);

// Links and images may point at the web, at mail and phone numbers, or be relative; a Liquid address is
// shown as written (what it becomes is decided when the mail is sent).
const SAFE_URL = /^(https?:|mailto:|tel:|data:image\/|\{\{|\{%)/;

function isUnsafeAttribute(name: string, value: string): boolean {
  if (name.startsWith('on')) return true;
  if (!URL_ATTRIBUTES.has(name)) return false;
  // Browsers ignore control characters and spaces inside a scheme (`java\nscript:`).
  const compact = Array.from(value)
    .filter((character) => character.charCodeAt(0) > 32)
    .join('')
    .toLowerCase();
  // No scheme (nor an entity that could spell one) before the path: a relative address.
  const beforePath = compact.split(/[/?#]/)[0];
  return /[:&]/.test(beforePath) && !SAFE_URL.test(compact);
}

const attribute = (name: string, value: string) => ` ${name}="${value.replace(/"/g, '&quot;')}"`;

export interface SafeHtml {
  html: string;
  /** Something was removed: the original cannot be rebuilt from the shown HTML. */
  changed: boolean;
}

export function safeHtml(source: string): SafeHtml {
  let html = '';
  let changed = false;
  // Inside a dropped element everything is dropped, up to its own close tag.
  let droppedDepth = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (droppedDepth > 0 || DROPPED_ELEMENTS.has(name)) {
          droppedDepth += 1;
          changed = true;
          return;
        }
        html += `<${name}`;
        for (const [key, value] of Object.entries(attributes)) {
          if (/^[a-z_:][\w:.-]*$/.test(key) && !isUnsafeAttribute(key, value)) html += attribute(key, value);
          else changed = true;
        }
        html += '>';
      },
      ontext(text) {
        if (droppedDepth === 0) html += text;
      },
      oncomment(text) {
        if (droppedDepth === 0) html += `<!--${text}-->`;
      },
      onclosetag(name) {
        if (droppedDepth > 0) droppedDepth -= 1;
        else if (!VOID_ELEMENTS.has(name)) html += `</${name}>`;
      },
    },
    // Entities stay as written: the browser decodes them once, when the canvas shows the HTML.
    { decodeEntities: false, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(source);
  parser.end();
  return { html, changed };
}
