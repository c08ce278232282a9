/**
 * The canvas shows a template's HTML inside the admin, where campaign HTML must never run (the
 * preview is a sandboxed frame for that reason). This reads the HTML in an inert document, drops
 * what could run or reach outside the block (scripts, frames, styles, event handlers, script URLs)
 * and says whether it dropped anything: such a text is shown but edited only in the code view,
 * since writing the canvas back would lose what was dropped.
 */

const DROPPED_ELEMENTS = 'script, iframe, frame, frameset, object, embed, style, link, meta, base, form, noscript';
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'background', 'srcset']);

function isUnsafeAttribute(name: string, value: string): boolean {
  if (name.startsWith('on')) return true;
  // Browsers ignore control characters and spaces inside a scheme (`java\nscript:`).
  const compact = Array.from(value)
    .filter((character) => character.charCodeAt(0) > 32)
    .join('')
    .toLowerCase();
  return URL_ATTRIBUTES.has(name) && /^(javascript|vbscript|data):/.test(compact) && !/^data:image\//.test(compact);
}

export interface SafeHtml {
  html: string;
  /** Something was removed: the original cannot be rebuilt from the shown HTML. */
  changed: boolean;
}

export function safeHtml(source: string): SafeHtml {
  const document = new DOMParser().parseFromString(`<body>${source}</body>`, 'text/html');
  let changed = false;
  document.body.querySelectorAll(DROPPED_ELEMENTS).forEach((element) => {
    element.remove();
    changed = true;
  });
  document.body.querySelectorAll('*').forEach((element) => {
    for (const { name, value } of Array.from(element.attributes)) {
      if (!isUnsafeAttribute(name.toLowerCase(), value)) continue;
      element.removeAttribute(name);
      changed = true;
    }
  });
  return { html: document.body.innerHTML, changed };
}
