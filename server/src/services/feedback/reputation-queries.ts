/**
 * The counts behind the reputation circuit breaker and the report's bounce and complaint figures:
 * a few aggregate queries over the outbox and the delivery events, each starting from an index
 * (deliveries by provider and sent_at or by campaign and status; events by delivery, by campaign
 * and by provider). See docs/architecture.md, "Reputation circuit breaker".
 */
import type { Knex } from 'knex';
import { TABLES } from '../../constants';
import type { CampaignFeedback } from '../../contracts/campaigns';
import type { Tally } from './reputation-rules';

/** Whose messages are judged: one campaign's, or everything a provider sent. */
export type Scope = { campaignId: number } | { provider: string };

/** How far back the windows reach: their size, and the earliest send each may hold. */
export interface Windows {
  bounceWindow: number;
  complaintWindow: number;
  /** The last resume by an admin: what went before it is not judged again. */
  resumedAt: Date | null;
  /** Complaints are counted over sends since then (the last `complaintDays`, or the resume). */
  complaintsSince: Date;
}

const D = TABLES.deliveries;
const E = TABLES.deliveryEvents;

const toCount = (value: unknown) => Number(value ?? 0);

/** Rows of the scope that went out (`sentAt` is set on every attempt that reached the server). */
function sends(db: Knex, scope: Scope, since: Date | null) {
  const query = db(`${D} as d`).whereNotNull('d.sent_at');
  if ('campaignId' in scope) query.where({ 'd.campaign_id': scope.campaignId, 'd.kind': 'campaign' });
  else query.where('d.provider', scope.provider);
  if (since) query.where('d.sent_at', '>=', since);
  return query;
}

/** The most recent `size` sends of the scope, newest first. */
const lastSends = (db: Knex, scope: Scope, since: Date | null, size: number, columns: string[]) =>
  sends(db, scope, since)
    .orderBy([
      { column: 'd.sent_at', order: 'desc' },
      { column: 'd.id', order: 'desc' },
    ])
    .limit(size)
    .select(columns);

const eventsOf = (db: Knex, scope: Scope, kind: string) =>
  db(`${E} as e`)
    .where('e.kind', kind)
    .where('campaignId' in scope ? { 'e.campaign_id': scope.campaignId } : { 'e.provider': scope.provider });

// One complaint per message, whichever sources reported it; events not tied to a row count once each.
const DISTINCT_MESSAGES = 'count(distinct coalesce(e.delivery_id, -e.id)) as n';

/**
 * What the breaker judges. Hard bounces: rows of the bounce window that SMTP refused (`bounced`)
 * or that a provider reported as a hard bounce later, each row once. Complaints: complaint events
 * since the oldest send of the complaint window, over the sends of that window, as a provider's
 * spam rate is reckoned (reports in a period over messages of that period): a complaint often
 * comes days after its message.
 */
export async function tally(db: Knex, scope: Scope, windows: Windows): Promise<Tally> {
  const bounceWindow = lastSends(db, scope, windows.resumedAt, windows.bounceWindow, ['d.id', 'd.status']);
  const hard = db(`${E} as h`).select(db.raw('1')).whereRaw('h.delivery_id = w.id').where('h.kind', 'bounce_hard');
  const bounces: { sends: unknown; hard: unknown } | undefined = await db
    .from(bounceWindow.as('w'))
    .first(
      db.raw('count(*) as sends'),
      db.raw(`sum(case when w.status = 'bounced' or exists (${hard.toQuery()}) then 1 else 0 end) as hard`),
    );

  const complaintWindow = lastSends(db, scope, windows.complaintsSince, windows.complaintWindow, ['d.sent_at']);
  const recent: { sends: unknown; oldest: unknown } | undefined = await db
    .from(complaintWindow.as('w'))
    .first(db.raw('count(*) as sends'), db.raw('min(w.sent_at) as oldest'));
  let complaints = 0;
  if (toCount(recent?.sends) > 0) {
    // The oldest send comes back in the driver's own representation, so it compares as stored.
    const row = await eventsOf(db, scope, 'complaint')
      .where('e.occurred_at', '>=', recent?.oldest as Date)
      .first(db.raw(DISTINCT_MESSAGES));
    complaints = toCount((row as { n?: unknown } | undefined)?.n);
  }
  return {
    bounceSends: toCount(bounces?.sends),
    hardBounces: toCount(bounces?.hard),
    complaintSends: toCount(recent?.sends),
    complaints,
  };
}

/** A campaign's figures over all its messages, for the report. */
export async function campaignTotals(db: Knex, campaignId: number): Promise<CampaignFeedback> {
  const scope = { campaignId };
  const sent: { sends: unknown; bounced: unknown } | undefined = await sends(db, scope, null).first(
    db.raw('count(*) as sends'),
    db.raw(`sum(case when d.status = 'bounced' then 1 else 0 end) as bounced`),
  );
  // Reported later about rows SMTP had accepted; a row with a hard bounce is not also a soft one.
  const hardToo = db(`${E} as h`)
    .select(db.raw('1'))
    .whereRaw('h.delivery_id = e.delivery_id')
    .where('h.kind', 'bounce_hard');
  const late: Array<{ kind: string; n: unknown }> = await db(`${E} as e`)
    .join(`${D} as d`, 'd.id', 'e.delivery_id')
    .where({ 'e.campaign_id': campaignId, 'd.kind': 'campaign' })
    .whereNot('d.status', 'bounced')
    .where((q) =>
      q.where('e.kind', 'bounce_hard').orWhere((soft) => soft.where('e.kind', 'bounce_soft').whereNotExists(hardToo)),
    )
    .groupBy('e.kind')
    .select('e.kind', db.raw('count(distinct e.delivery_id) as n'));
  const complained = (await eventsOf(db, scope, 'complaint').first(db.raw(DISTINCT_MESSAGES))) as
    | { n?: unknown }
    | undefined;

  const total = toCount(sent?.sends);
  const lateOf = (kind: string) => toCount(late.find((row) => row.kind === kind)?.n);
  const hardBounces = toCount(sent?.bounced) + lateOf('bounce_hard');
  const softBounces = lateOf('bounce_soft');
  const complaints = toCount(complained?.n);
  const of = (part: number) => (total > 0 ? part / total : null);
  return {
    sends: total,
    hardBounces,
    softBounces,
    complaints,
    hardBounceRate: of(hardBounces),
    softBounceRate: of(softBounces),
    complaintRate: of(complaints),
  };
}
