/**
 * The reputation circuit breaker, registered as the `reputation` service: per campaign and per
 * provider, hard bounce and spam complaint rates over recent sends; above the thresholds of
 * `feedback.breaker` the campaign or the provider pauses with the reason, which the admin shows.
 * The send path calls `evaluate` after each write of outcomes that holds bounces, and the feedback
 * side after it records provider events. See docs/architecture.md, "Reputation circuit breaker".
 */
import type { Core } from '@strapi/strapi';
import { TABLES } from '../../constants';
import type { CampaignFeedback } from '../../contracts/campaigns';
import type { ReputationRates } from '../../contracts/overview';
import { knex, toDate } from '../../database/connection';
import { getService, pluginConfig } from '../../utils/plugin';
import { campaignTotals, tally, type Scope } from './reputation-queries';
import { complaintsSince, judge, reasonFor, REASON_PREFIX } from './reputation-rules';

/** What one evaluation did: a pause, or a warning that leaves sending as it is. */
export interface Trip {
  subject: { campaignId: number } | { provider: string };
  action: 'pause' | 'warn';
  reason: string;
  rates: ReputationRates;
}

export interface EvaluateScope {
  campaignIds?: number[];
  providers?: string[];
}

// It runs on the send path: once judged, a subject is judged again at most this often.
const EVALUATE_EVERY_MS = 5_000;
// A provider stays paused until an admin resumes it; this only bounds a pause nobody lifts.
const PROVIDER_PAUSE_DAYS = 30;

const keyOf = (scope: Scope) => ('campaignId' in scope ? `c:${scope.campaignId}` : `p:${scope.provider}`);
const unique = <T>(items: T[] = []) => [...new Set(items)];
const isOurs = (reason: string | null) => Boolean(reason?.startsWith(`${REASON_PREFIX}:`));

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => knex(strapi);
  const now = (): Date => getService(strapi, 'clock').now();
  const settings = () => pluginConfig(strapi).feedback.breaker;
  const judgedAt = new Map<string, number>();
  const later = new Map<string, NodeJS.Timeout>();
  const warned = new Set<string>();

  /** Whether the subject can still be paused, and since when the breaker judges it. */
  async function state(scope: Scope): Promise<{ open: boolean; resumedAt: Date | null } | null> {
    if ('campaignId' in scope) {
      const row = await db()(TABLES.campaigns)
        .where('id', scope.campaignId)
        .first<{ status: string; reputation_since: unknown } | undefined>('status', 'reputation_since');
      return row
        ? { open: ['sending', 'testing'].includes(row.status), resumedAt: toDate(row.reputation_since) }
        : null;
    }
    const row = await db()(TABLES.providerStates)
      .where('name', scope.provider)
      .first<
        { paused_until: unknown; pause_reason: string | null; reputation_since: unknown } | undefined
      >('paused_until', 'pause_reason', 'reputation_since');
    if (!row) return null;
    // A pause of the breaker's own stays until an admin lifts it; any other pause may be replaced.
    const pausedByUs = (toDate(row.paused_until)?.getTime() ?? 0) > now().getTime() && isOurs(row.pause_reason);
    return { open: !pausedByUs, resumedAt: toDate(row.reputation_since) };
  }

  async function measure(scope: Scope, resumedAt: Date | null): Promise<ReputationRates> {
    const breaker = settings();
    const counts = await tally(db(), scope, {
      bounceWindow: breaker.bounceWindow,
      complaintWindow: breaker.complaintWindow,
      resumedAt,
      complaintsSince: complaintsSince(now(), breaker.complaintDays, resumedAt),
    });
    return judge(counts, breaker);
  }

  async function pause(scope: Scope, reason: string): Promise<boolean> {
    if ('campaignId' in scope) return getService(strapi, 'campaignStatus').halt(scope.campaignId, reason);
    const until = new Date(now().getTime() + PROVIDER_PAUSE_DAYS * 86_400_000);
    await getService(strapi, 'providerState').pause(scope.provider, until, reason);
    return true;
  }

  /** Judges one subject now; a trip when it paused it or it warrants a warning. */
  async function evaluateOne(scope: Scope): Promise<Trip | null> {
    const key = keyOf(scope);
    const current = await state(scope);
    if (!current?.open) return null;
    const rates = await measure(scope, current.resumedAt);
    // Until enough went out nothing is judged, so the next write is judged at once.
    if (rates.level === 'unjudged') return null;
    judgedAt.set(key, Date.now());
    const reason = reasonFor(rates);
    const who = 'campaignId' in scope ? `campaign ${scope.campaignId}` : `provider "${scope.provider}"`;
    if (rates.level === 'pause' && reason) {
      if (!(await pause(scope, reason))) return null;
      warned.delete(key);
      strapi.log.warn(`[email-campaigns] ${who} paused: ${reason}`);
      return { subject: scope, action: 'pause', reason, rates };
    }
    if (rates.level === 'warn' && reason) {
      // Logged once when the rate crosses the line, not on every evaluation above it.
      if (!warned.has(key)) strapi.log.warn(`[email-campaigns] ${who}: ${reason}`);
      warned.add(key);
      return { subject: scope, action: 'warn', reason, rates };
    }
    warned.delete(key);
    return null;
  }

  /** Runs a judgement skipped by the throttle once the interval is over, so a last burst still counts. */
  function evaluateLater(scope: Scope, waitMs: number) {
    const key = keyOf(scope);
    if (later.has(key)) return;
    const timer = setTimeout(() => {
      later.delete(key);
      evaluateOne(scope).catch((error: Error) =>
        strapi.log.error(`[email-campaigns] reputation check failed: ${error.message}`),
      );
    }, waitMs);
    timer.unref();
    later.set(key, timer);
  }

  return {
    /**
     * Judges the campaigns and providers named, each at most once per EVALUATE_EVERY_MS (a call
     * in between is answered later, once). `force` judges at once (tests, an explicit request).
     * Returns what it paused or warned about.
     */
    async evaluate({ campaignIds, providers }: EvaluateScope, { force = false } = {}): Promise<Trip[]> {
      const scopes: Scope[] = [
        ...unique(campaignIds).map((campaignId) => ({ campaignId })),
        ...unique(providers).map((provider) => ({ provider })),
      ];
      const trips: Trip[] = [];
      for (const scope of scopes) {
        const wait = (judgedAt.get(keyOf(scope)) ?? 0) + EVALUATE_EVERY_MS - Date.now();
        if (!force && wait > 0) {
          evaluateLater(scope, wait);
          continue;
        }
        const trip = await evaluateOne(scope);
        if (trip) trips.push(trip);
      }
      return trips;
    },

    /** A provider's rates as the breaker judges them now, for the overview. */
    async rates(provider: string): Promise<ReputationRates> {
      const current = await state({ provider });
      return measure({ provider }, current?.resumedAt ?? null);
    },

    /** A campaign's bounces and complaints over all its messages, for the report. */
    campaignRates(campaignId: number): Promise<CampaignFeedback> {
      return campaignTotals(db(), campaignId);
    },

    /** Forgets pending judgements; at shutdown. */
    stop() {
      for (const timer of later.values()) clearTimeout(timer);
      later.clear();
    },
  };
};
