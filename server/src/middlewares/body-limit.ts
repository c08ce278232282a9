import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { errors } from '@strapi/utils';
import { audienceSettings } from '../services/audience/settings';
import { sendError } from './error-answer';
import { isWebhookPath } from './webhook-body';

const PUBLIC_PREFIX = '/api/email-campaigns/';

/**
 * Refuses a public request whose declared body is larger than `maxBodyBytes`. A chunked body
 * (no Content-Length) is left to the body parser's own limits: refusing it could break a mailbox
 * provider's one-click unsubscribe, which must never fail.
 */
export function checkBodySize(strapi: Core.Strapi, headers: Record<string, string | string[] | undefined>): void {
  const { maxBodyBytes } = audienceSettings(strapi);
  const declared = headers['content-length'];
  if (declared === undefined) return;
  const length = Number(declared);
  if (!Number.isFinite(length) || length > maxBodyBytes) {
    throw new errors.PayloadTooLargeError(`The request body is larger than ${maxBodyBytes} bytes.`);
  }
}

/** Route middleware: the check on each public route. */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next) => {
    checkBodySize(strapi, ctx.request.headers);
    await next();
  };

/**
 * The same check as an app-level middleware, for `strapi.server.use()` in register: it runs before
 * Strapi's body parser, so an oversized body is refused before it is read at all. Webhooks have
 * their own, larger limit (webhook-body.ts).
 */
export function publicBodyLimit(strapi: Core.Strapi) {
  return async (ctx: Context, next: Next) => {
    if (ctx.path.startsWith(PUBLIC_PREFIX) && !isWebhookPath(ctx.path)) {
      try {
        checkBodySize(strapi, ctx.request.headers);
      } catch (error) {
        return sendError(ctx, 413, 'PayloadTooLargeError', (error as Error).message);
      }
    }
    await next();
  };
}
