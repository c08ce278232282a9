import { createHash } from 'node:crypto';
import type { Locale } from './texts';

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

export interface PageSpec {
  locale: Locale;
  title: string;
  /** Trusted HTML: built by the page modules from escaped values. */
  body: string;
  /** An inline script, allowed by its hash in the page's CSP. */
  script?: string;
  /** Origins besides our own that forms on this page may post or redirect to. */
  formTargets?: string[];
  /**
   * Scripts and stylesheets served by this site (the captcha widget), relative to `base`. The CSP
   * then allows scripts, styles, workers and requests from our own origin, nothing else.
   */
  assets?: { base: string; scripts: string[]; styles: string[] };
}

export interface RenderedPage {
  html: string;
  /** Our own Content-Security-Policy, replacing the global one for this response. */
  csp: string;
}

/**
 * CSP source for an inline block. Hashes rather than nonces: the pages stay byte-identical from
 * one request to the next, which the no-enumeration promise of the subscribe answer relies on.
 */
function hashSource(content: string): string {
  return `'sha256-${createHash('sha256').update(content).digest('base64')}'`;
}

// Small, readable, responsive; system fonts only, so the page loads nothing else.
const STYLE = `
  :root { color-scheme: light dark; }
  body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; padding: 2rem 1rem; }
  main { max-width: 32rem; margin: 0 auto; }
  h1 { font-size: 1.5rem; line-height: 1.25; }
  label { display: block; margin: 1rem 0 .25rem; font-weight: 600; }
  input[type=email], input[type=text] { width: 100%; box-sizing: border-box; padding: .6rem; font: inherit; border: 1px solid #888; border-radius: 4px; }
  fieldset { border: 0; padding: 0; margin: 1rem 0; }
  .choice { display: flex; gap: .5rem; align-items: flex-start; margin: .5rem 0; font-weight: normal; }
  .choice small { display: block; opacity: .8; }
  button { margin-top: 1.25rem; padding: .7rem 1.2rem; font: inherit; font-weight: 600; border: 0; border-radius: 4px; background: #2f5bd3; color: #fff; cursor: pointer; }
  button.secondary { background: transparent; color: inherit; border: 1px solid #888; }
  button:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid #f0b400; outline-offset: 2px; }
  .visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .notice { padding: .75rem 1rem; border-left: 4px solid #2f5bd3; background: rgba(47, 91, 211, .08); }
`;

const STYLE_SOURCE = hashSource(STYLE);

export function renderPage(spec: PageSpec): RenderedPage {
  const script = spec.script ? `\n<script>${spec.script}</script>` : '';
  const assets = spec.assets;
  const links = assets
    ? [
        ...assets.styles.map((file) => `<link rel="stylesheet" href="${escapeHtml(assets.base + file)}">\n`),
        ...assets.scripts.map((file) => `<script src="${escapeHtml(assets.base + file)}" defer></script>\n`),
      ].join('')
    : '';
  const html = `<!doctype html>
<html lang="${spec.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(spec.title)}</title>
<style>${STYLE}</style>
${links}</head>
<body>
<main>
<h1>${escapeHtml(spec.title)}</h1>
${spec.body}
</main>${script}
</body>
</html>
`;
  const formAction = ["'self'", ...(spec.formTargets ?? [])].join(' ');
  const scripts = [...(spec.script ? [hashSource(spec.script)] : []), ...(assets ? ["'self'"] : [])];
  const csp = [
    "default-src 'none'",
    `style-src ${STYLE_SOURCE}${assets ? " 'self'" : ''}`,
    `script-src ${scripts.join(' ') || "'none'"}`,
    ...(assets ? ["worker-src 'self'", "connect-src 'self'"] : []),
    `form-action ${formAction}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { html, csp };
}
