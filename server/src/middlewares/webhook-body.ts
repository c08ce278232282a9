import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { WEBHOOK_TYPES } from '../services/feedback/webhooks/adapters';
import { pluginConfig } from '../utils/plugin';
import { sendError } from './error-answer';
import { readAtMost, TooLarge } from './read-body';

const WEBHOOK_PATHS = new Set<string>(WEBHOOK_TYPES.map((type) => `/api/email-campaigns/webhooks/${type}`));

/**
 * True for the paths whose body this middleware reads (the public body limit leaves them alone).
 * Case-insensitive, as Strapi's router is: `/API/…/Webhooks/…` reaches the same handler.
 */
export function isWebhookPath(path: string): boolean {
  return WEBHOOK_PATHS.has(path.toLowerCase().replace(/\/+$/, ''));
}

interface RawBodyState {
  rawBody?: unknown;
}

/** The bytes the webhook middleware read, exactly as they arrived; undefined on any other request. */
export function rawBodyOf(ctx: Context): Buffer | undefined {
  const { rawBody } = (ctx.state ?? {}) as RawBodyState;
  return Buffer.isBuffer(rawBody) ? rawBody : undefined;
}

/**
 * Reads a webhook's body ahead of Strapi's body parser, because signatures cover the bytes
 * received and koa-body keeps none of them. The limit (`feedback.webhookMaxBodyBytes`) is
 * counted on what is actually read, so a chunked body cannot slip past it.
 * Registered with `strapi.server.use()` in register.ts. See docs/architecture.md, "Public API and pages".
 */
export function webhookRawBody(strapi: Core.Strapi) {
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'POST' || !isWebhookPath(ctx.path)) return next();
    const limit = pluginConfig(strapi).feedback.webhookMaxBodyBytes;
    const refuse = () => {
      // The rest of the body stays unread: close the connection rather than drain it.
      ctx.set('Connection', 'close');
      sendError(ctx, 413, 'PayloadTooLargeError', `The request body is larger than ${limit} bytes.`);
    };
    const declared = ctx.get('content-length');
    if (declared !== '' && !(Number(declared) <= limit)) return refuse();
    const encoding = ctx.get('content-encoding').toLowerCase();
    if (encoding !== '' && encoding !== 'identity') {
      // Providers sign the bytes they send; a compressed body would have to be inflated first.
      return sendError(ctx, 415, 'UnsupportedMediaTypeError', 'Send the body uncompressed.');
    }
    try {
      ctx.state.rawBody = await readAtMost(ctx.req, limit);
    } catch (error) {
      if (error instanceof TooLarge) return refuse();
      throw error;
    }
    // koa-body would read the consumed stream again and fail with 500 "stream is not readable"
    // (it does not look at a body already set): with these two headers gone, type-is reports
    // that the request has no body left, so the parser skips it.
    delete ctx.req.headers['content-length'];
    delete ctx.req.headers['transfer-encoding'];
    return next();
  };
}
