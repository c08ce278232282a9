// Bulk seeding with knex, as test/helpers/fixtures.ts does (but set-based where it can be).
const T = {
  subscribers: 'email_campaigns_subscribers',
  subscriberLists: 'email_campaigns_subscribers_lists_lnk',
  deliveries: 'email_campaigns_deliveries',
  campaigns: 'email_campaigns_campaigns',
};

const PLANS = ['free', 'free', 'free', 'pro'];

/**
 * Inserts `count` subscribers (ids ascending, emails `<prefix>-<i>@example.test`, a name and JSON
 * attributes like a real import) and returns [firstId, lastId]. Chunks of 500: knex inserts many
 * rows as one compound SELECT on SQLite, which allows at most 500 terms.
 */
async function insertSubscribers(strapi, count, { prefix = 'sub', status = 'subscribed', chunk = 500 } = {}) {
  const db = strapi.db.connection;
  const now = new Date();
  const before = Number((await db(T.subscribers).max({ m: 'id' }).first()).m ?? 0);
  await db.transaction(async (trx) => {
    for (let start = 0; start < count; start += chunk) {
      const rows = Array.from({ length: Math.min(chunk, count - start) }, (_, k) => {
        const i = start + k;
        return {
          email: `${prefix}-${i}@example.test`,
          name: `Person ${i}`,
          status,
          source: 'import',
          locale: 'en',
          attributes: JSON.stringify({ plan: PLANS[i % PLANS.length], city: 'Lisbon' }),
          created_at: now,
          updated_at: now,
        };
      });
      await trx(T.subscribers).insert(rows);
    }
  });
  const after = Number((await db(T.subscribers).max({ m: 'id' }).first()).m);
  return [before + 1, after];
}

/** Links subscribers with ids in [from, to] to a list, by one INSERT ... SELECT. */
async function linkRange(strapi, listId, from, to) {
  const db = strapi.db.connection;
  await db.raw(
    `insert into ${T.subscriberLists} (subscriber_id, list_id) select id, ? from ${T.subscribers} where id >= ? and id <= ?`,
    [listId, from, to],
  );
}

async function createList(strapi, name) {
  return strapi.documents('plugin::email-campaigns.list').create({ data: { name, slug: name, doubleOptIn: false } });
}

/** A campaign with the compiled HTML cached on it, as the admin saves it; draft until scheduled. */
async function createCampaign(strapi, { name, subject, preheader, mjml, html, entries, lists, provider = 'main' }) {
  return strapi.documents('plugin::email-campaigns.campaign').create({
    data: {
      name,
      subject,
      preheader,
      mjml,
      html,
      entries,
      provider,
      status: 'draft',
      lists: lists.map((l) => l.documentId),
    },
  });
}

/** Makes a draft campaign due now: the next tick promotes it (and materializes its audience). */
async function schedule(strapi, campaignId) {
  await strapi.db
    .connection(T.campaigns)
    .where({ id: campaignId })
    .update({ status: 'scheduled', scheduled_at: new Date(0) });
}

async function deliveryCounts(strapi, campaignId) {
  const rows = await strapi.db
    .connection(T.deliveries)
    .where({ campaign_id: campaignId })
    .select('status')
    .count({ n: '*' })
    .groupBy('status');
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

module.exports = { T, insertSubscribers, linkRange, createList, createCampaign, schedule, deliveryCounts };
