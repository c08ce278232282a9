import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { errors } from '@strapi/utils';
import { getService } from '../utils/plugin';
import { audienceSettings } from '../services/audience/settings';
import { clientKey } from '../services/audience/rate-limits';

type Bucket = 'subscribe' | 'pages';

/**
 * Per-IP limit of a public route (per /64 for IPv6). `ctx.request.ip` follows Strapi's
 * `server.proxy` setting, so behind a trusted proxy the client's address counts, not the proxy's.
 */
export default (config: { bucket?: Bucket }, { strapi }: { strapi: Core.Strapi }) => {
  const bucket: Bucket = config?.bucket ?? 'pages';
  return async (ctx: Context, next: Next) => {
    const { rateLimit } = audienceSettings(strapi);
    const limit = bucket === 'subscribe' ? rateLimit.subscribePerIp : rateLimit.pagesPerIp;
    const decision = getService(strapi, 'rateLimits').hit(
      `${bucket}-ip`,
      clientKey(String(ctx.request.ip ?? '')),
      limit,
      rateLimit.windowSeconds,
    );
    if (!decision.allowed) {
      ctx.set('Retry-After', String(decision.retryAfterSeconds));
      throw new errors.RateLimitError('Too many requests. Please wait a minute and try again.');
    }
    await next();
  };
};
