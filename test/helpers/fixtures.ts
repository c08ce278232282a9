import type { Core } from '@strapi/strapi';

import { TABLES, UID } from '../../server/src/constants';

const LISTS = UID.list;
const CAMPAIGNS = UID.campaign;

export const SIMPLE_MJML = `<mjml>
  <mj-body>
    <mj-section>
      <mj-column>
        <mj-text>Hello {{ subscriber.name | default: "friend" }}, this is {{ campaign.name }}.</mj-text>
        <mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

let counter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

export async function createList(strapi: Core.Strapi, name = unique('list')) {
  return strapi.documents(LISTS).create({ data: { name, slug: name, doubleOptIn: false } as any });
}

/**
 * Inserts `count` subscribers in bulk (the audience of a test campaign) and links them to lists.
 * Returns their ids in order. Emails are `<prefix>-<i>@example.test`.
 */
export async function insertSubscribers(
  strapi: Core.Strapi,
  count: number,
  { prefix = unique('sub'), lists = [] as number[], status = 'subscribed', name = (i: number) => `Person ${i}` } = {},
): Promise<number[]> {
  const db = strapi.db.connection;
  const now = new Date();
  const ids: number[] = [];
  for (let start = 0; start < count; start += 500) {
    const rows = Array.from({ length: Math.min(500, count - start) }, (_, k) => ({
      email: `${prefix}-${start + k}@example.test`,
      name: name(start + k),
      status,
      source: 'api',
      created_at: now,
      updated_at: now,
    }));
    await db(TABLES.subscribers).insert(rows);
    const inserted = await db(TABLES.subscribers)
      .whereIn(
        'email',
        rows.map((r) => r.email),
      )
      .orderBy('id')
      .pluck('id');
    ids.push(...inserted.map(Number));
  }
  for (const listId of lists) {
    for (let start = 0; start < ids.length; start += 500) {
      await db(TABLES.subscriberLists).insert(
        ids.slice(start, start + 500).map((id) => ({ subscriber_id: id, list_id: listId })),
      );
    }
  }
  return ids;
}

/** A campaign ready for the sender: scheduled now (or at `scheduledAt`) to the given lists. */
export async function createCampaign(
  strapi: Core.Strapi,
  {
    lists,
    provider = 'main',
    mjml = SIMPLE_MJML,
    subject = 'News for {{ subscriber.name }}',
    status = 'scheduled',
    scheduledAt = new Date(0),
  }: {
    lists: Array<{ documentId: string }>;
    provider?: string;
    mjml?: string;
    subject?: string;
    status?: string;
    scheduledAt?: Date;
  },
) {
  return strapi.documents(CAMPAIGNS).create({
    data: {
      name: unique('campaign'),
      subject,
      mjml,
      provider,
      status,
      scheduledAt,
      lists: lists.map((l) => l.documentId),
    } as any,
  });
}

/** Counts a campaign's deliveries by status, straight from the outbox. */
export async function deliveryCounts(strapi: Core.Strapi, campaignId: number): Promise<Record<string, number>> {
  const rows = await strapi.db
    .connection(TABLES.deliveries)
    .where({ campaign_id: campaignId, kind: 'campaign' })
    .select('status')
    .count({ n: '*' })
    .groupBy('status');
  return Object.fromEntries(rows.map((r: any) => [r.status, Number(r.n)]));
}

export const sender = (strapi: Core.Strapi) => strapi.plugin('email-campaigns').service('sender');
export const clock = (strapi: Core.Strapi) => strapi.plugin('email-campaigns').service('clock');
