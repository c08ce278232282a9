import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { errors } from '@strapi/utils';
import { audienceSettings } from '../services/audience/settings';
import { sendError } from './error-answer';
import { readAtMost, replayRequest, TooLarge } from './read-body';
import { isWebhookPath } from './webhook-body';

const PUBLIC_PREFIX = '/api/email-campaigns/';

/**
 * The route group of a path, matched case-insensitively as Strapi's router matches routes:
 * `public` (subscribe, forms, confirm, unsubscribe, preferences: `maxBodyBytes`), `webhook` (its own
 * limit, webhook-body.ts), or null for anything that is not the plugin's public API.
 */
export function publicRouteGroup(path: string): 'public' | 'webhook' | null {
  if (!path.toLowerCase().startsWith(PUBLIC_PREFIX)) return null;
  return isWebhookPath(path) ? 'webhook' : 'public';
}

/** Refuses a request whose declared body is larger than `maxBodyBytes`. */
export function checkBodySize(strapi: Core.Strapi, headers: Record<string, string | string[] | undefined>): void {
  const { maxBodyBytes } = audienceSettings(strapi);
  const declared = headers['content-length'];
  if (declared === undefined) return;
  const length = Number(declared);
  if (!Number.isFinite(length) || length > maxBodyBytes) {
    throw new errors.PayloadTooLargeError(`The request body is larger than ${maxBodyBytes} bytes.`);
  }
}

/** Route middleware: the declared-length check on each public route, behind the app-level one below. */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next) => {
    checkBodySize(strapi, ctx.request.headers);
    await next();
  };

/**
 * The public body limit as an app-level middleware, for `strapi.server.use()` in register: it runs
 * before Strapi's body parser and counts the bytes actually read, so neither a false Content-Length
 * nor a chunked body gets past it. The body read is handed on to the parser as if unread.
 */
export function publicBodyLimit(strapi: Core.Strapi) {
  return async (ctx: Context, next: Next) => {
    if (publicRouteGroup(ctx.path) !== 'public') return next();
    const { maxBodyBytes } = audienceSettings(strapi);
    const refuse = () => {
      // The rest of the body stays unread: close the connection rather than drain it.
      ctx.set('Connection', 'close');
      sendError(ctx, 413, 'PayloadTooLargeError', `The request body is larger than ${maxBodyBytes} bytes.`);
    };
    try {
      checkBodySize(strapi, ctx.request.headers);
    } catch {
      return refuse();
    }
    if (!hasBody(ctx)) return next();
    let body: Buffer;
    try {
      body = await readAtMost(ctx.req, maxBodyBytes);
    } catch (error) {
      if (error instanceof TooLarge) return refuse();
      throw error;
    }
    ctx.req = replayRequest(ctx.req, body);
    ctx.request.req = ctx.req;
    return next();
  };
}

/** As type-is decides it for the body parser: a length or a transfer encoding announces a body. */
function hasBody(ctx: Context): boolean {
  return ctx.get('transfer-encoding') !== '' || (ctx.get('content-length') !== '' && ctx.get('content-length') !== '0');
}
