import type { WebhookRequest } from '../../server/src/services/feedback/webhooks/request';

/** A webhook request as the route hands it over: raw bytes, lower-case header names. */
export function webhookRequest(
  body: string | Buffer | object,
  headers: Record<string, string | undefined> = {},
  query: Record<string, string | undefined> = {},
): WebhookRequest {
  const rawBody = Buffer.isBuffer(body)
    ? body
    : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { rawBody, headers: lower, query };
}
