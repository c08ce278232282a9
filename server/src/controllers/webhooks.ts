import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { sendError } from '../middlewares/error-answer';
import { rawBodyOf } from '../middlewares/webhook-body';
import { WEBHOOK_TYPES, type WebhookType } from '../services/feedback/webhooks/adapters';
import type { WebhookRequest } from '../services/feedback/webhooks/request';
import { getService } from '../utils/plugin';

/** Header and query values as the verifiers read them: one string each, names in lower case. */
function flatten(values: Record<string, unknown>): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => {
      const first: unknown = Array.isArray(value) ? value[0] : value;
      return [name.toLowerCase(), typeof first === 'string' ? first : undefined];
    }),
  );
}

/**
 * `POST /api/email-campaigns/webhooks/<type>`: one handler per provider type. The body was read
 * as bytes by the webhook middleware; the answer never tells whether an event found a person.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const handler = (type: WebhookType) => async (ctx: Context) => {
    const request: WebhookRequest = {
      rawBody: rawBodyOf(ctx) ?? Buffer.alloc(0),
      headers: flatten(ctx.request.headers),
      query: flatten(ctx.query),
    };
    const result = await getService(strapi, 'feedbackWebhooks').receive(type, request);
    switch (result.outcome) {
      case 'not-configured':
        throw new errors.NotFoundError('Not Found');
      case 'refused':
        strapi.log.warn(`email-campaigns: ${type} webhook refused (${result.reason})`);
        throw new errors.UnauthorizedError('The request is not signed or authorised as the provider does it.');
      case 'malformed':
        throw new errors.ValidationError(result.message);
      case 'subscription-failed':
        strapi.log.error(`email-campaigns: confirming the SNS subscription failed: ${result.message}`);
        return sendError(ctx, 502, 'BadGatewayError', 'The SNS subscription could not be confirmed.');
      case 'subscription-confirmed':
        strapi.log.info('email-campaigns: SNS subscription confirmed');
        ctx.body = { data: { confirmed: true } };
        return;
      case 'ignored':
        ctx.body = { data: { received: 0, recorded: 0 } };
        return;
      case 'recorded':
        ctx.body = { data: { received: result.received, recorded: result.recorded } };
    }
  };
  return Object.fromEntries(WEBHOOK_TYPES.map((type) => [type, handler(type)])) as Record<
    WebhookType,
    (ctx: Context) => Promise<void>
  >;
};
