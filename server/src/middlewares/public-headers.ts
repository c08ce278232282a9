import type { Context, Next } from 'koa';

/**
 * Headers every public answer carries, errors included: token URLs must not leak through
 * Referer, caches or search engines.
 */
export default () => async (ctx: Context, next: Next) => {
  try {
    await next();
  } finally {
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Cache-Control', 'no-store');
    ctx.set('X-Robots-Tag', 'noindex, nofollow');
  }
};
