/**
 * Knex-level seeding and inspection of the outbox, for tests whose Strapi runs in child
 * processes (kill and restart, several instances on one database): the test process talks to
 * the database directly, the way a second instance would.
 */
import { randomUUID } from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import type { TestDatabase } from './database';

const T = {
  subscribers: 'email_campaigns_subscribers',
  lists: 'email_campaigns_lists',
  campaigns: 'email_campaigns_campaigns',
  deliveries: 'email_campaigns_deliveries',
  subscriberLists: 'email_campaigns_subscribers_lists_lnk',
  campaignLists: 'email_campaigns_campaigns_lists_lnk',
} as const;

/** The final states docs/architecture.md ("At most once") allows a campaign row to end in. */
export const FINAL_STATUSES = ['sent', 'failed', 'bounced', 'skipped', 'unknown'] as const;

/** A knex connection to the database a child Strapi was given (its `env`), for the test itself. */
export function connect(database: TestDatabase): Knex {
  const env = database.env;
  if (database.client === 'sqlite') {
    // better-sqlite3 waits up to 5 s on a lock held by the child before it reports SQLITE_BUSY.
    return knexFactory({
      client: 'better-sqlite3',
      connection: { filename: env.DATABASE_FILENAME },
      useNullAsDefault: true,
    });
  }
  return knexFactory({
    client: database.client === 'postgres' ? 'pg' : 'mysql2',
    connection: {
      host: env.DATABASE_HOST,
      port: Number(env.DATABASE_PORT),
      database: env.DATABASE_NAME,
      user: env.DATABASE_USERNAME,
      password: env.DATABASE_PASSWORD,
    },
    pool: { min: 0, max: 2 },
  });
}

/** INSERT of one row, answering its id (PostgreSQL needs RETURNING; the others give it back anyway). */
export async function insertOne(db: Knex, table: string, row: Record<string, unknown>): Promise<number> {
  const [inserted] =
    db.client.config.client === 'pg' ? await db(table).insert(row, ['id']) : await db(table).insert(row);
  return Number(typeof inserted === 'object' ? inserted.id : inserted);
}

const affected = (result: any): number =>
  Number(typeof result === 'number' ? result : (result?.rowCount ?? result?.[0]?.affectedRows ?? 0));

export interface SeededCampaign {
  campaignId: number;
  /** Every subscriber's address, as the deliveries snapshot it (lower case). */
  emails: string[];
}

/** A list of `count` subscribed people, written in chunks of 500; their ids in address order. */
export async function seedSubscribedList(
  db: Knex,
  count: number,
  prefix: string,
): Promise<{ listId: number; emails: string[]; subscriberIds: number[] }> {
  const now = new Date();
  const stamps = { created_at: now, updated_at: now, published_at: now };
  const listId = await insertOne(db, T.lists, {
    document_id: randomUUID(),
    name: `${prefix} list`,
    slug: `${prefix}-list`,
    double_opt_in: false,
    public: false,
    ...stamps,
  });
  const emails = Array.from({ length: count }, (_, i) => `${prefix}-${i}@example.test`);
  const subscriberIds: number[] = [];
  for (let start = 0; start < count; start += 500) {
    const chunk = emails.slice(start, start + 500);
    await db(T.subscribers).insert(
      chunk.map((email, k) => ({
        document_id: randomUUID(),
        email,
        name: `Person ${start + k}`,
        status: 'subscribed',
        source: 'api',
        bounce_count: 0,
        ...stamps,
      })),
    );
    const ids = (await db(T.subscribers).whereIn('email', chunk).pluck('id')).map(Number);
    await db(T.subscriberLists).insert(ids.map((id) => ({ subscriber_id: id, list_id: listId })));
    subscriberIds.push(...ids);
  }
  return { listId, emails, subscriberIds };
}

/**
 * One list of `count` subscribed people and a campaign to it, due now. The campaign and its
 * list link are written in one transaction: a sender ticking meanwhile sees both or neither.
 */
export async function seedCampaign(
  db: Knex,
  count: number,
  { prefix = `p${Date.now().toString(36)}`, provider = 'main' } = {},
): Promise<SeededCampaign> {
  const now = new Date();
  const { listId, emails } = await seedSubscribedList(db, count, prefix);

  const campaignId = await db.transaction(async (trx) => {
    const id = await insertOne(trx, T.campaigns, {
      document_id: randomUUID(),
      name: `${prefix} campaign`,
      subject: 'News for {{ subscriber.name }}',
      mjml: '<mjml><mj-body><mj-section><mj-column><mj-text>Hello {{ subscriber.name }}</mj-text><mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button></mj-column></mj-section></mj-body></mjml>',
      provider,
      status: 'scheduled',
      scheduled_at: new Date(now.getTime() - 1000),
      created_at: now,
      updated_at: now,
      published_at: now,
    });
    await trx(T.campaignLists).insert({ campaign_id: id, list_id: listId, list_ord: 1 });
    return id;
  });
  return { campaignId, emails };
}

/** A campaign's rows by status, straight from the outbox. */
export async function statusCounts(db: Knex, campaignId: number): Promise<Record<string, number>> {
  const rows = await db(T.deliveries)
    .where({ campaign_id: campaignId, kind: 'campaign' })
    .select('status')
    .count({ n: '*' })
    .groupBy('status');
  return Object.fromEntries(rows.map((r: any) => [r.status, Number(r.n)]));
}

export async function campaignStatus(db: Knex, campaignId: number): Promise<string> {
  return (await db(T.campaigns).where('id', campaignId).first('status')).status;
}

/** The addresses of a campaign's rows in one status. */
export async function emailsWithStatus(db: Knex, campaignId: number, status: string): Promise<string[]> {
  return db(T.deliveries).where({ campaign_id: campaignId, kind: 'campaign', status }).pluck('email');
}

/**
 * Rows a process still holds in `sending`. The sender names its claims
 * `<hostname>:<pid>:<random>#<n>`, so the pid tells whose they are.
 */
export async function rowsHeldBy(db: Knex, pid: number): Promise<number> {
  const row: any = await db(T.deliveries)
    .where('status', 'sending')
    .where('claimed_by', 'like', `%:${pid}:%`)
    .count({ n: '*' })
    .first();
  return Number(row?.n ?? 0);
}

/** Of those, the rows it had marked as handed to the transport (the others were certainly not sent). */
export async function rowsHandedBy(db: Knex, pid: number): Promise<number> {
  const row: any = await db(T.deliveries)
    .where('status', 'sending')
    .where('claimed_by', 'like', `%:${pid}:%`)
    .whereNotNull('handed_at')
    .count({ n: '*' })
    .first();
  return Number(row?.n ?? 0);
}

/**
 * Lets the lease of a dead process's claims run out now instead of `leaseSeconds` later: the
 * children run on the real clock, which the test cannot move. Only call it once `pid` is gone.
 */
export async function expireLeasesOf(db: Knex, pid: number): Promise<number> {
  return affected(
    await db(T.deliveries)
      .where('status', 'sending')
      .where('claimed_by', 'like', `%:${pid}:%`)
      .update({ claimed_until: new Date(Date.now() - 60_000) }),
  );
}

/**
 * Ages `count` of a campaign's `sent` rows (all when omitted) by `ms`: for the rolling windows,
 * which count `sent_at` from the outbox, this is the clock moving on for those sends. The
 * children run on the real clock, so this is how a test lets a window roll.
 */
export async function ageSends(db: Knex, campaignId: number, ms: number, count?: number): Promise<number> {
  const query = db(T.deliveries).where({ campaign_id: campaignId, kind: 'campaign', status: 'sent' }).orderBy('id');
  const ids: number[] = await (count === undefined ? query : query.limit(count)).pluck('id');
  const sentAt = new Date(Date.now() - ms);
  for (let start = 0; start < ids.length; start += 500) {
    await db(T.deliveries)
      .whereIn('id', ids.slice(start, start + 500))
      .update({ sent_at: sentAt });
  }
  return ids.length;
}

/** How many of a campaign's rows in a status each process claimed, by pid. */
export async function rowsByPid(db: Knex, campaignId: number, status: string): Promise<Record<number, number>> {
  const owners: string[] = await db(T.deliveries)
    .where({ campaign_id: campaignId, kind: 'campaign', status })
    .pluck('claimed_by');
  const counts: Record<number, number> = {};
  for (const owner of owners) {
    const pid = Number(/:(\d+):/.exec(owner ?? '')?.[1] ?? NaN);
    counts[pid] = (counts[pid] ?? 0) + 1;
  }
  return counts;
}

/** Polls `probe` until it returns a value other than undefined, or fails with `what` at the deadline. */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  { timeoutMs = 60_000, intervalMs = 100 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Addresses that appear more than once in a list of recipients, with their counts. */
export function duplicates(recipients: string[]): Record<string, number> {
  const seen = new Map<string, number>();
  for (const address of recipients) seen.set(address.toLowerCase(), (seen.get(address.toLowerCase()) ?? 0) + 1);
  return Object.fromEntries([...seen].filter(([, n]) => n > 1));
}

/**
 * Lines of a child's output that report a failure: Strapi's error-level log lines (the children
 * log at level error, so any such line is one) and the sender's own failure messages.
 */
export function errorLines(output: string): string[] {
  // eslint-disable-next-line no-control-regex -- strips the ESC of terminal colour codes
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  return plain
    .split('\n')
    .filter((line) => /\] error: |sender tick failed|deadlock|lock wait timeout|unhandled/i.test(line));
}

/** A small seeded PRNG (mulberry32), so a failing run's kill points can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
