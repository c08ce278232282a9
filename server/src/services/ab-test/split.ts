/**
 * The sample of an A/B subject test, split off in SQL (docs/architecture.md, "Engagement", "A/B
 * subject tests"): every queued row of the campaign is held, then a random `size` of them go back
 * to the queue with variants 1..n in turn, so the variants differ by one row at most. Nothing is
 * read into memory. The caller runs it in the transaction that moves the campaign to `testing`,
 * so a crash leaves either no split or the whole of it.
 */
import type { Knex } from 'knex';
import { TABLES } from '../../constants';
import { affectedRows, type Dialect } from '../../database/connection';
import { sampleSize } from './rules';

const D = TABLES.deliveries;

/** Row numbers in a random order over the campaign's held rows; `rn` from 1. */
const RANDOM_ORDER: Record<Dialect, string> = {
  sqlite: 'random()',
  postgres: 'random()',
  mysql: 'rand()',
};

function ranked(dialect: Dialect): string {
  return `select id, row_number() over (order by ${RANDOM_ORDER[dialect]}) as rn
    from ${D} where campaign_id = ? and kind = 'campaign' and status = 'held'`;
}

/** `variants` and `size` are whole numbers checked here, so they can be written into the SQL. */
function sampleUpdate(dialect: Dialect, variants: number): string {
  const variant = `((r.rn - 1) % ${variants}) + 1`;
  if (dialect === 'mysql') {
    return `update ${D} join (${ranked(dialect)}) r on r.id = ${D}.id
      set ${D}.status = 'queued', ${D}.variant = ${variant} where r.rn <= ?`;
  }
  return `update ${D} set status = 'queued', variant = ${variant}
    from (${ranked(dialect)}) r where r.id = ${D}.id and r.rn <= ?`;
}

/** Splits the campaign's queued rows into the sample and the held rest; returns the sample's size. */
export async function splitSample(
  trx: Knex.Transaction,
  dialect: Dialect,
  campaignId: number,
  { variants, samplePercent, at }: { variants: number; samplePercent: number; at: Date },
): Promise<{ total: number; sample: number }> {
  if (!Number.isInteger(variants) || variants < 1) throw new Error(`Not a number of variants: ${variants}`);
  const total = affectedRows(
    await trx(D)
      .where({ campaign_id: campaignId, kind: 'campaign', status: 'queued' })
      .update({ status: 'held', variant: null, updated_at: at }),
  );
  const size = sampleSize(total, variants, samplePercent);
  if (size === 0) return { total, sample: 0 };
  const sample = affectedRows(await trx.raw(sampleUpdate(dialect, variants), [campaignId, size]));
  return { total, sample };
}
