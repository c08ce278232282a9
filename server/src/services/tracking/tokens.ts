/**
 * Signed tokens of the tracking routes (docs/architecture.md, "Engagement"): a click names its
 * link, an open its pixel, and both the delivery and the second the message was rendered for
 * sending, so a hit is classified (person or machine) without reading the database.
 *
 * A token is `base64url(body) + '.' + base64url(HMAC-SHA256(key, body))[0..22]`, the body
 * `kind.campaign.delivery.subscriber.link.sentAt.mode` (link empty for opens; mode `p` people,
 * `a` aggregate: the hit then names nobody once it is classified). 128 bits of MAC are far beyond
 * guessing; the key is derived from the site's secret for this use only.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { secretList, type Secrets } from '../tokens';

export type TrackingKind = 'click' | 'open';
export type HitMode = 'people' | 'aggregate';

export interface TrackingToken {
  kind: TrackingKind;
  campaignId: number;
  deliveryId: number;
  subscriberId: number;
  /** The campaign-link row; only clicks have one. */
  linkId?: number;
  /** Unix seconds when the message was rendered for sending. */
  sentAt: number;
  mode: HitMode;
}

const CODES: Record<TrackingKind, string> = { click: 'l', open: 'o' };
const ID = '[1-9]\\d{0,14}';
const BODY = new RegExp(`^([lo])\\.(${ID})\\.(${ID})\\.(${ID})\\.(${ID})?\\.(\\d{1,12})\\.([pa])$`);
const TOKEN = /^([A-Za-z0-9_-]{8,120})\.([A-Za-z0-9_-]{22})$/;

export function signTrackingToken(secrets: Secrets, token: TrackingToken): string {
  const { kind, campaignId, deliveryId, subscriberId, linkId, sentAt, mode } = token;
  for (const [name, id] of [
    ['campaignId', campaignId],
    ['deliveryId', deliveryId],
    ['subscriberId', subscriberId],
  ] as const) {
    if (!(Number.isSafeInteger(id) && id > 0)) throw new RangeError(`${name} must be a positive integer, got ${id}`);
  }
  if ((kind === 'click') !== (linkId !== undefined)) throw new RangeError('a click names its link, an open none');
  if (linkId !== undefined && !(Number.isSafeInteger(linkId) && linkId > 0)) throw new RangeError('bad linkId');
  if (!(Number.isSafeInteger(sentAt) && sentAt >= 0)) throw new RangeError('sentAt must be unix seconds');
  const fields = [
    CODES[kind],
    campaignId,
    deliveryId,
    subscriberId,
    linkId ?? '',
    sentAt,
    mode === 'people' ? 'p' : 'a',
  ];
  const body = Buffer.from(fields.join('.')).toString('base64url');
  return `${body}.${mac(secretList(secrets)[0], body)}`;
}

/** The token's content when its signature holds under any accepted secret and it is `kind`; else null. */
export function verifyTrackingToken(secrets: Secrets, token: unknown, kind: TrackingKind): TrackingToken | null {
  if (typeof token !== 'string') return null;
  const parts = TOKEN.exec(token);
  if (!parts) return null;
  const [, body, given] = parts;
  // Every secret is tried and the signature checked before the body is read.
  let matched = false;
  for (const secret of secretList(secrets)) {
    if (timingSafeEqual(Buffer.from(mac(secret, body)), Buffer.from(given))) matched = true;
  }
  if (!matched) return null;
  const fields = BODY.exec(Buffer.from(body, 'base64url').toString());
  if (!fields || fields[1] !== CODES[kind]) return null;
  const [, , campaignId, deliveryId, subscriberId, linkId, sentAt, mode] = fields;
  if ((kind === 'click') !== (linkId !== undefined)) return null;
  return {
    kind,
    campaignId: Number(campaignId),
    deliveryId: Number(deliveryId),
    subscriberId: Number(subscriberId),
    ...(linkId !== undefined ? { linkId: Number(linkId) } : {}),
    sentAt: Number(sentAt),
    mode: mode === 'p' ? 'people' : 'aggregate',
  };
}

// Derived once per secret: a key for this one use, so the configured secret itself signs nothing.
const keys = new Map<string, Buffer>();
function mac(secret: string, body: string): string {
  let key = keys.get(secret);
  if (!key) {
    key = createHmac('sha256', secret).update('email-campaigns:tracking').digest();
    keys.set(secret, key);
  }
  return createHmac('sha256', key).update(body).digest('base64url').slice(0, 22);
}
