/**
 * What a webhook receives about a person or a campaign, read after the change committed: ids,
 * lists (ids and slugs), status and times. A person's address only when the admin chose so.
 */
import type { Knex } from 'knex';
import { TABLES } from '../../constants';
import { toDate } from '../../database/connection';
import type { CampaignEventPayload, EventListRef, SubscriberEventPayload } from '../../contracts';

/** A person an event is about, and the lists it concerns when the change itself names them. */
export interface EventPerson {
  subscriberId: number;
  lists?: number[];
}

type Row = Record<string, unknown>;

const CHUNK = 500;
const iso = (value: unknown): string | null => toDate(value)?.toISOString() ?? null;

async function rowsByIds(db: Knex, table: string, ids: number[], columns: string[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (let start = 0; start < ids.length; start += CHUNK) {
    rows.push(
      ...(await db(table)
        .whereIn('id', ids.slice(start, start + CHUNK))
        .select(columns)),
    );
  }
  return rows;
}

async function memberships(db: Knex, link: string, owner: string, ids: number[]): Promise<Map<number, number[]>> {
  const lists = new Map<number, number[]>();
  for (let start = 0; start < ids.length; start += CHUNK) {
    const rows: Row[] = await db(link)
      .whereIn(owner, ids.slice(start, start + CHUNK))
      .select(owner, 'list_id');
    for (const row of rows) {
      const id = Number(row[owner]);
      lists.set(id, [...(lists.get(id) ?? []), Number(row.list_id)]);
    }
  }
  return lists;
}

/** Ids to `{ id, slug }`, in the order given; a list deleted since is left out. */
async function listRefs(db: Knex, ids: number[]): Promise<Map<number, EventListRef>> {
  const rows = await rowsByIds(db, TABLES.lists, [...new Set(ids)], ['id', 'slug']);
  return new Map(rows.map((row) => [Number(row.id), { id: Number(row.id), slug: String(row.slug) }]));
}

const refsOf = (ids: number[], refs: Map<number, EventListRef>) =>
  ids.map((id) => refs.get(id)).filter((ref): ref is EventListRef => ref !== undefined);

/** One payload per person still present (an erased person has none), in the order given. */
export async function subscriberPayloads(
  db: Knex,
  people: EventPerson[],
  includeAddress: boolean,
): Promise<SubscriberEventPayload[]> {
  const ids = [...new Set(people.map((person) => person.subscriberId))];
  const rows = new Map(
    (
      await rowsByIds(db, TABLES.subscribers, ids, [
        'id',
        'document_id',
        'email',
        'status',
        'created_at',
        'confirmed_at',
        'unsubscribed_at',
        'last_bounce_at',
      ])
    ).map((row) => [Number(row.id), row]),
  );
  const unnamed = people.filter((person) => !person.lists).map((person) => person.subscriberId);
  const current = await memberships(db, TABLES.subscriberLists, 'subscriber_id', unnamed);
  const listsOf = (person: EventPerson) => person.lists ?? current.get(person.subscriberId) ?? [];
  const refs = await listRefs(db, people.flatMap(listsOf));
  return people.flatMap((person) => {
    const row = rows.get(person.subscriberId);
    if (!row) return [];
    return [
      {
        id: person.subscriberId,
        documentId: String(row.document_id),
        ...(includeAddress ? { email: String(row.email) } : {}),
        status: String(row.status),
        lists: refsOf(listsOf(person), refs),
        createdAt: iso(row.created_at),
        confirmedAt: iso(row.confirmed_at),
        unsubscribedAt: iso(row.unsubscribed_at),
        lastBounceAt: iso(row.last_bounce_at),
      },
    ];
  });
}

export async function campaignPayloads(db: Knex, ids: number[]): Promise<CampaignEventPayload[]> {
  const rows = await rowsByIds(db, TABLES.campaigns, ids, [
    'id',
    'document_id',
    'name',
    'status',
    'provider',
    'scheduled_at',
    'started_at',
    'finished_at',
    'pause_reason',
  ]);
  const lists = await memberships(db, TABLES.campaignLists, 'campaign_id', ids);
  const refs = await listRefs(db, [...lists.values()].flat());
  return rows.map((row) => ({
    id: Number(row.id),
    documentId: String(row.document_id),
    name: String(row.name),
    status: String(row.status),
    provider: (row.provider as string | null) ?? null,
    lists: refsOf(lists.get(Number(row.id)) ?? [], refs),
    scheduledAt: iso(row.scheduled_at),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    pauseReason: (row.pause_reason as string | null) ?? null,
  }));
}
