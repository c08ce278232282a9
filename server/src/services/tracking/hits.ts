/**
 * The hit routes' service (docs/architecture.md, "Engagement"): `click` and `open` answer from
 * memory and hand the classified hit to the hit buffer; nothing here waits for a write.
 *
 * Order of checks, cheapest and safest first: the in-memory per-IP limit, a query string (a
 * tracked link never has one, so `?url=` can never steer the redirect), the token's signature,
 * then for a click the link row (cached) and that it belongs to the token's campaign. Every
 * refusal is the same 404.
 *
 * With `tracking.enabled` off, a good token still answers (a link in a mail already sent keeps
 * working, a pixel stays an invisible image) and nothing is recorded. With `aggregateOnly` on,
 * a hit names nobody whatever its token says: the mode is applied when the hit is recorded.
 */
import type { Core } from '@strapi/strapi';
import { getService, pluginConfig } from '../../utils/plugin';
import type { Secrets } from '../tokens';
import { BurstWatch } from './burst-watch';
import { classifyClick, classifyOpen, type HitFacts } from './classify';
import type { Hit } from './hit-buffer';
import { IpLimiter } from './ip-limiter';
import { createLinkCache } from './link-cache';
import { verifyTrackingToken, type TrackingToken } from './tokens';

export interface HitRequest {
  token: string;
  method: string;
  userAgent: string | undefined;
  /** Whether the URL had a query string, even an empty one. */
  hasQuery: boolean;
  /** The client's key as `audience/client-address.ts` computes it. */
  clientKey: string;
}

export type HitAnswer =
  | { status: 302; location: string }
  | { status: 200 }
  | { status: 404 }
  | { status: 429; retryAfterSeconds: number };

const NOT_FOUND: HitAnswer = { status: 404 };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const limiter = new IpLimiter();
  const bursts = new BurstWatch();
  const links = createLinkCache(strapi);
  const settings = () => pluginConfig(strapi).tracking;
  const secret = () => pluginConfig(strapi).secret as Secrets;
  const nowMs = () => getService(strapi, 'clock').now().getTime();
  const buffer = () => getService(strapi, 'hitBuffer');

  function refusal(request: HitRequest, atMs: number): HitAnswer | null {
    const decision = limiter.hit(request.clientKey, settings().hitsPerIpPerMinute, atMs);
    if (!decision.allowed) return { status: 429, retryAfterSeconds: decision.retryAfterSeconds };
    return request.hasQuery ? NOT_FOUND : null;
  }

  /** The row of a hit: the delivery and the person only when the token and the site both allow it. */
  function hitOf(token: TrackingToken, machine: boolean, atMs: number): Hit {
    const named = token.mode === 'people' && !settings().aggregateOnly;
    return {
      kind: token.kind,
      campaignId: token.campaignId,
      linkId: token.linkId ?? null,
      deliveryId: named ? token.deliveryId : null,
      subscriberId: named ? token.subscriberId : null,
      machine,
      occurredAt: new Date(atMs),
    };
  }

  const facts = (request: HitRequest, token: TrackingToken, atMs: number): HitFacts => ({
    method: request.method,
    userAgent: request.userAgent,
    sentAt: token.sentAt,
    nowMs: atMs,
  });

  async function recordClick(request: HitRequest, token: TrackingToken & { linkId: number }, atMs: number) {
    const machine = classifyClick(facts(request, token, atMs), settings().scannerWindowSeconds) !== null;
    const hitId = buffer().add(hitOf(token, machine, atMs));
    if (!hitId) return;
    const linkCount = await links.linkCount(token.campaignId, atMs);
    const burst = bursts.click({ deliveryId: token.deliveryId, linkId: token.linkId, atMs, hitId, linkCount });
    if (burst.length > 0) buffer().markMachine(burst);
  }

  return {
    async click(request: HitRequest): Promise<HitAnswer> {
      const atMs = nowMs();
      const refused = refusal(request, atMs);
      if (refused) return refused;
      const token = verifyTrackingToken(secret(), request.token, 'click');
      if (!token || token.linkId === undefined) return NOT_FOUND;
      const link = await links.link(token.linkId);
      if (!link || link.campaignId !== token.campaignId) return NOT_FOUND;
      if (settings().enabled) {
        recordClick(request, { ...token, linkId: token.linkId }, atMs).catch((error: unknown) =>
          strapi.log.error(`[email-campaigns] recording a click failed: ${(error as Error)?.message}`),
        );
      }
      return { status: 302, location: link.url };
    },

    open(request: HitRequest): HitAnswer {
      const atMs = nowMs();
      const refused = refusal(request, atMs);
      if (refused) return refused;
      const token = verifyTrackingToken(secret(), request.token, 'open');
      if (!token) return NOT_FOUND;
      if (settings().enabled) {
        const machine = classifyOpen(facts(request, token, atMs), settings().proxyWindowSeconds) !== null;
        buffer().add(hitOf(token, machine, atMs));
      }
      return { status: 200 };
    },
  };
};
