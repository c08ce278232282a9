import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { TABLES } from '../../constants';
import { knex, toDate } from '../../database/connection';
import { getService } from '../../utils/plugin';
import type { ResolvedProvider } from '../providers';
import type { DeliveryKind } from './outbox';

/**
 * Rolling windows counted from the outbox. Per second is the pool's job (transport.ts).
 * See docs/architecture.md, "Limits".
 */
export const WINDOWS = [
  { key: 'perMinute', ms: 60_000 },
  { key: 'perHour', ms: 3_600_000 },
  { key: 'perDay', ms: 86_400_000 },
] as const;

export type WindowKey = (typeof WINDOWS)[number]['key'];
export type Usage = Record<WindowKey, number>;
type Limits = ResolvedProvider['limits'];

/** Messages the provider may still take now: the tightest window wins; Infinity when none is set. */
export function roomLeft(limits: Limits, usage: Usage): number {
  let room = Infinity;
  for (const { key } of WINDOWS) {
    const limit = limits[key];
    if (limit) room = Math.min(room, Math.max(0, limit - usage[key]));
  }
  return room;
}

/**
 * When `remaining` more messages will have been accepted by the windows, assuming they go out
 * as soon as a window has room. A send at time t frees its slot at t + window, so with the
 * window's past sends sorted oldest first, the k-th message beyond today's room goes out when
 * the k-th oldest send expires, and cycles repeat a window later. Sends not yet made are taken
 * to happen now. Null when no window binds.
 */
export function estimateFinish(
  limits: Limits,
  sentTimes: Record<WindowKey, Date[]>,
  remaining: number,
  now: Date,
): Date | null {
  let finish: Date | null = null;
  for (const { key, ms } of WINDOWS) {
    const limit = limits[key];
    if (!limit) continue;
    const inWindow = sentTimes[key]
      .filter((t) => t.getTime() > now.getTime() - ms)
      .sort((a, b) => a.getTime() - b.getTime());
    const room = Math.max(0, limit - inWindow.length);
    if (remaining <= room) continue;
    const beyond = remaining - room; // messages that must wait for a slot to free
    const cycle = Math.floor((beyond - 1) / limit);
    const index = (beyond - 1) % limit;
    const slotFreedAt = index < inWindow.length ? inWindow[index].getTime() : now.getTime();
    const at = new Date(slotFreedAt + ms * (cycle + 1));
    if (!finish || at > finish) finish = at;
  }
  return finish;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Messages counted against each window: rows that reached the server within it, plus rows
   * being sent right now (conservatively, whatever their age).
   */
  async usage(
    provider: string,
    now: Date,
    trx: Knex | Knex.Transaction = knex(strapi),
    kind?: DeliveryKind,
  ): Promise<Usage> {
    // One index range count per window, so the cost follows the window, not the table.
    const since = (ms: number) => new Date(now.getTime() - ms);
    const ofKind = (query: Knex.QueryBuilder) => (kind ? query.where('kind', kind) : query);
    const sentSince = (ms: number) =>
      trx(TABLES.deliveries)
        .where('provider', provider)
        .where('sent_at', '>', since(ms))
        .modify(ofKind)
        .count({ n: '*' });
    const sending = trx(TABLES.deliveries).where({ provider, status: 'sending' }).modify(ofKind).count({ n: '*' });
    // Drivers return counts as numbers or strings.
    type Counts = Record<'sending' | 'per_minute' | 'per_hour' | 'per_day', number | string>;
    const row: Counts | undefined = await trx
      .select({
        sending,
        per_minute: sentSince(60_000),
        per_hour: sentSince(3_600_000),
        per_day: sentSince(86_400_000),
      })
      .first();
    const inFlight = Number(row?.sending ?? 0);
    return {
      perMinute: inFlight + Number(row?.per_minute ?? 0),
      perHour: inFlight + Number(row?.per_hour ?? 0),
      perDay: inFlight + Number(row?.per_day ?? 0),
    };
  },

  async room(provider: ResolvedProvider, now: Date, trx?: Knex | Knex.Transaction): Promise<number> {
    const { perMinute, perHour, perDay } = provider.limits;
    if (!perMinute && !perHour && !perDay) return Infinity;
    return roomLeft(provider.limits, await this.usage(provider.name, now, trx));
  },

  /**
   * Confirmation mails the provider may still send now: its confirmation budget less the
   * confirmations in each window (Infinity without a budget). Counted in the claim transaction,
   * under the provider lock, like the room.
   */
  async confirmationRoom(provider: ResolvedProvider, now: Date, trx?: Knex | Knex.Transaction): Promise<number> {
    const { perHour, perDay } = provider.confirmations;
    if (!perHour && !perDay) return Infinity;
    const budget = { perSecond: null, perMinute: null, perHour, perDay };
    return roomLeft(budget, await this.usage(provider.name, now, trx, 'confirmation'));
  },

  /** When a provider will have sent `remaining` more messages, or null when no limit binds. */
  async estimateFinish(providerName: string, remaining: number, now: Date): Promise<Date | null> {
    const provider: ResolvedProvider | undefined = getService(strapi, 'providers').get(providerName);
    if (!provider || remaining <= 0) return null;
    const widest = WINDOWS.filter(({ key }) => provider.limits[key]).at(-1);
    if (!widest) return null;
    const sentAt = await knex(strapi)(TABLES.deliveries)
      .where('provider', providerName)
      .where('sent_at', '>', new Date(now.getTime() - widest.ms))
      .pluck('sent_at');
    const inFlight: { n?: number | string } | undefined = await knex(strapi)(TABLES.deliveries)
      .where({ provider: providerName, status: 'sending' })
      .count({ n: '*' })
      .first();
    // Messages in flight count as sent now.
    const times = [
      ...sentAt.map((t: unknown) => toDate(t) as Date),
      ...Array.from({ length: Number(inFlight?.n ?? 0) }, () => now),
    ];
    const perWindow = Object.fromEntries(WINDOWS.map(({ key }) => [key, times])) as Record<WindowKey, Date[]>;
    return estimateFinish(provider.limits, perWindow, remaining, now);
  },
});
