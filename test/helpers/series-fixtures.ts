/**
 * Knex-level seeding of a series, for tests whose Strapi runs in a child process: a list of
 * subscribed people, step campaigns sending, the series row, and everyone enrolled and due now.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { TABLES } from '../../server/src/constants';
import { insertOne, seedSubscribedList } from './outbox-fixtures';

const STEP_MJML =
  '<mjml><mj-body><mj-section><mj-column><mj-text>Step {{ campaign.name }} for {{ subscriber.name }}</mj-text>' +
  '<mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button></mj-column></mj-section></mj-body></mjml>';

export interface SeededSeries {
  seriesId: number;
  campaignIds: number[];
  emails: string[];
}

export async function seedSeries(
  db: Knex,
  count: number,
  delaysMinutes: number[],
  { prefix = `s${Date.now().toString(36)}`, provider = 'main' } = {},
): Promise<SeededSeries> {
  const now = new Date();
  const stamps = { created_at: now, updated_at: now, published_at: now };
  const { listId, emails, subscriberIds: ids } = await seedSubscribedList(db, count, prefix);
  const seriesId = await insertOne(db, TABLES.series, {
    document_id: randomUUID(),
    name: `${prefix} series`,
    list_id: listId,
    trigger: 'joined',
    provider,
    paused: false,
    steps: '[]',
    ...stamps,
  });
  const campaignIds: number[] = [];
  for (const [index] of delaysMinutes.entries()) {
    campaignIds.push(
      await insertOne(db, TABLES.campaigns, {
        document_id: randomUUID(),
        name: `${prefix} step ${index + 1}`,
        subject: `${prefix} step ${index + 1}`,
        mjml: STEP_MJML,
        provider,
        status: 'sending',
        started_at: now,
        series_id: seriesId,
        series_step: index + 1,
        ...stamps,
      }),
    );
  }
  const steps = delaysMinutes.map((delayMinutes, i) => ({ campaignId: campaignIds[i], delayMinutes }));
  await db(TABLES.series)
    .where('id', seriesId)
    .update({ steps: JSON.stringify(steps) });
  await enrollAll(db, seriesId, ids, now);
  return { seriesId, campaignIds, emails };
}

/** Everyone enrolled at `at`, their first step due then. */
export async function enrollAll(db: Knex, seriesId: number, subscriberIds: number[], at: Date) {
  for (let start = 0; start < subscriberIds.length; start += 500) {
    await db(TABLES.seriesEnrollments).insert(
      subscriberIds.slice(start, start + 500).map((subscriberId) => ({
        series_id: seriesId,
        subscriber_id: subscriberId,
        enrolled_at: at,
        next_step: 0,
        next_due_at: at,
        state: 'active',
        created_at: at,
        updated_at: at,
      })),
    );
  }
}

/**
 * The children run on the real clock: moving every active enrollment's times back by `minutes`
 * is, for them, that much time passing.
 */
export async function ageEnrollments(db: Knex, seriesId: number, minutes: number): Promise<void> {
  const rows: Array<{ id: number; enrolled_at: unknown; next_due_at: unknown }> = await db(TABLES.seriesEnrollments)
    .where({ series_id: seriesId, state: 'active' })
    .select('id', 'enrolled_at', 'next_due_at');
  const back = (value: unknown) => new Date(toMs(value) - minutes * 60_000);
  for (const row of rows) {
    await db(TABLES.seriesEnrollments)
      .where('id', row.id)
      .update({ enrolled_at: back(row.enrolled_at), next_due_at: back(row.next_due_at) });
  }
}

function toMs(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  return typeof value === 'number' || /^\d+$/.test(String(value)) ? Number(value) : new Date(String(value)).getTime();
}
