/**
 * Opens and clicks of an A/B test's variants (docs/architecture.md, "Engagement", "A/B subject
 * tests"): events joined to their delivery's variant, people and machines apart. One grouped
 * query serves both the tick's decision and the report.
 */
import type { Knex } from 'knex';
import { TABLES } from '../../constants';
import type { AbMetric, EngagementCount } from '../../contracts/engagement';

export interface VariantCounts {
  variant: number;
  sent: number;
  opens: EngagementCount;
  clicks: EngagementCount;
}

interface EventRow {
  variant: number | string;
  kind: 'open' | 'click';
  machine: boolean | number | string | null;
  total: number | string;
  people: number | string;
}

const isMachine = (value: EventRow['machine']) => value === true || Number(value) === 1;
const empty = (): EngagementCount => ({ unique: 0, total: 0, machine: 0 });

/** Per variant 1..variants: messages sent, and unique (distinct deliveries) and total events. */
export async function variantCounts(db: Knex, campaignId: number, variants: number): Promise<VariantCounts[]> {
  const counts = Array.from({ length: variants }, (_, i) => ({
    variant: i + 1,
    sent: 0,
    opens: empty(),
    clicks: empty(),
  }));
  const at = (variant: unknown) => counts[Number(variant) - 1];
  const sent: Array<{ variant: number | string; n: number | string }> = await db(TABLES.deliveries)
    .where({ campaign_id: campaignId, kind: 'campaign', status: 'sent' })
    .whereNotNull('variant')
    .groupBy('variant')
    .select('variant')
    .count({ n: '*' });
  for (const row of sent) if (at(row.variant)) at(row.variant).sent = Number(row.n);

  const events: EventRow[] = await db(`${TABLES.deliveryEvents} as e`)
    .join(`${TABLES.deliveries} as d`, 'd.id', 'e.delivery_id')
    .where('d.campaign_id', campaignId)
    .whereNotNull('d.variant')
    .whereIn('e.kind', ['open', 'click'])
    .groupBy('d.variant', 'e.kind', 'e.machine')
    .select('d.variant', 'e.kind', 'e.machine')
    .count({ total: '*' })
    .countDistinct({ people: 'e.delivery_id' });
  for (const row of events) {
    const count = at(row.variant)?.[row.kind === 'open' ? 'opens' : 'clicks'];
    if (!count) continue;
    if (isMachine(row.machine)) count.machine += Number(row.total);
    else {
      count.total += Number(row.total);
      count.unique = (count.unique ?? 0) + Number(row.people);
    }
  }
  return counts;
}

/** Unique human events of the metric per variant, as the winner is picked from them. */
export function uniqueHumans(counts: VariantCounts[], metric: AbMetric): Map<number, number> {
  return new Map(counts.map((c) => [c.variant, c[metric].unique ?? 0]));
}
