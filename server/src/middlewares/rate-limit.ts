import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { errors } from '@strapi/utils';
import { getService } from '../utils/plugin';
import { audienceSettings } from '../services/audience/settings';
import { clientAddress, clientKey } from '../services/audience/client-address';

type Bucket = 'subscribe' | 'pages';

/**
 * Per-IP limit of a public route (per /64 for IPv6), counted in the database across instances.
 * `ctx.request.ip` follows Strapi's `server.proxy` settings, so behind a trusted proxy the client's
 * address counts, not the proxy's; one that is no IP address counts as the socket's peer.
 */
export default (config: { bucket?: Bucket }, { strapi }: { strapi: Core.Strapi }) => {
  const bucket: Bucket = config?.bucket ?? 'pages';
  return async (ctx: Context, next: Next) => {
    const { rateLimit } = audienceSettings(strapi);
    const limit = bucket === 'subscribe' ? rateLimit.subscribePerIp : rateLimit.pagesPerIp;
    const decision = await getService(strapi, 'rateLimits').hit(
      `${bucket}-ip`,
      clientKey(clientAddress(ctx.request.ip, ctx.req.socket?.remoteAddress)),
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
