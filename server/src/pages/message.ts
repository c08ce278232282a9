import type { Context } from 'koa';

/**
 * The policy of a page that is a message itself (view in browser, an archive copy): our own
 * compiled HTML, its inline styles and remote images allowed, no script, no form, no frame. The
 * sandbox gives it an origin of its own, so nothing in it can reach the site's cookies.
 * See docs/architecture.md, "Engagement".
 */
export const MESSAGE_CSP = [
  "default-src 'none'",
  'img-src https: http: data:',
  "style-src 'unsafe-inline' https:",
  'font-src https: data:',
  "script-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  'sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation',
].join('; ');

/** Answers with a rendered message as the page. */
export function sendMessagePage(ctx: Context, html: string): void {
  ctx.status = 200;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Content-Security-Policy', MESSAGE_CSP);
  ctx.body = html;
}
