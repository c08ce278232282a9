import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

// `/api/email-campaigns/l/<token>` and `/o/<token>`, case-insensitive as Strapi's router is.
const HIT_PATH = /^\/api\/email-campaigns\/([lo])\/([^/]+)\/?$/i;

interface HitController {
  click(ctx: Context): Promise<void>;
  open(ctx: Context): void;
}

/**
 * The click and open routes, answered ahead of Strapi's middleware stack (docs/architecture.md,
 * "Engagement", "Hits answer from memory"). A hit needs none of that stack (no body, session,
 * CORS or request log), and its content-API pipeline alone (router, auth and policy steps) costs
 * about a third of a millisecond per request: through it, the click route stayed under 1,000
 * redirects a second on two cores (`bench/tracking.js`). The controller sets every header the
 * answer needs. Registered with `strapi.server.use()` in register.ts.
 */
export function trackingFastPath(strapi: Core.Strapi) {
  const controller = () => strapi.plugin('email-campaigns').controller('trackingHits') as unknown as HitController;
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    const match = HIT_PATH.exec(ctx.path);
    if (!match) return next();
    ctx.params = { token: match[2] };
    try {
      await (match[1].toLowerCase() === 'l' ? controller().click(ctx) : controller().open(ctx));
    } catch (error) {
      // Strapi's error middleware is behind this one: answer here, and never redirect on a failure.
      strapi.log.error(`[email-campaigns] a tracking hit failed: ${(error as Error)?.message}`);
      ctx.status = 503;
      ctx.set('Retry-After', '5');
      ctx.set('Cache-Control', 'no-store');
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = 'Please try again in a moment.';
    }
  };
}
