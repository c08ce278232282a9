import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { clientAddress, clientKey } from '../services/audience/client-address';
import type { HitAnswer, HitRequest } from '../services/tracking/hits';
import { PIXEL_HEADERS, TRANSPARENT_GIF } from '../services/tracking/transparent-gif';
import { getService } from '../utils/plugin';

/**
 * `GET`/`HEAD /l/:token` and `/o/:token` (docs/architecture.md, "Engagement", "Hits answer from
 * memory"), reached through middlewares/tracking-fast-path.ts ahead of Strapi's stack. Public and
 * cheap: no body is read, nothing touches the database. Koa answers a HEAD like the GET without
 * the body.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const hits = () => getService(strapi, 'trackingHits');

  function hitRequest(ctx: Context): HitRequest {
    return {
      token: String(ctx.params.token ?? ''),
      method: ctx.method,
      userAgent: ctx.get('user-agent') || undefined,
      hasQuery: ctx.originalUrl.includes('?'),
      clientKey: clientKey(clientAddress(ctx.request.ip, ctx.req.socket?.remoteAddress)),
    };
  }

  function answer(ctx: Context, result: HitAnswer) {
    // Token URLs must not leak through Referer or land in a search index.
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Robots-Tag', 'noindex, nofollow');
    ctx.set('X-Content-Type-Options', 'nosniff');
    if (result.status === 200) {
      ctx.set(PIXEL_HEADERS);
      ctx.status = 200;
      ctx.body = TRANSPARENT_GIF;
      return;
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.status = result.status;
    if (result.status === 302) {
      ctx.set('Location', result.location);
      // An empty body, not none: Koa then sends Content-Length 0, so a keep-alive client knows the
      // answer has ended (a null body goes out with no length at all).
      ctx.body = '';
      return;
    }
    if (result.status === 429) ctx.set('Retry-After', String(result.retryAfterSeconds));
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = result.status === 429 ? 'Too many requests.' : 'Not found.';
  }

  return {
    async click(ctx: Context) {
      answer(ctx, await hits().click(hitRequest(ctx)));
    },
    open(ctx: Context) {
      answer(ctx, hits().open(hitRequest(ctx)));
    },
  };
};
