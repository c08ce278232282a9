/**
 * The hit buffer's tests (docs/architecture.md, "Engagement", "Buffered writes"), run by
 * test/integration/tracking-hits.test.ts on its Strapi: one INSERT per batch, nothing read or
 * written per hit, the interval, a failed write, and the flush on destroy.
 */
import { expect, it } from 'vitest';
import { TABLES } from '../../server/src/constants';
import { waitUntil } from '../helpers/outbox-fixtures';
import { SECRET, TRACKING, type TrackingHarness } from '../helpers/tracking-hits';
import type { TestStrapi } from '../helpers/strapi';

export function hitBufferTests(h: TrackingHarness & { app: () => TestStrapi }) {
  const { tracking, buffer, token, hit, events, campaignWithLinks } = h;

  it('the buffer writes N hits as exactly N rows in one INSERT per flushBatchSize, and no answer waits for it', async () => {
    const { campaignId, linkIds } = await campaignWithLinks(['https://example.test/n']);
    const inserts: string[] = [];
    const onQuery = (query: { sql: string }) => {
      if (/^insert into .?email_campaigns_delivery_events/i.test(query.sql)) inserts.push(query.sql);
    };
    tracking('flushIntervalMs', 10_000);
    tracking('flushBatchSize', 10);
    // Earlier tests' hits are written first, so the batches hold this test's hits only.
    await buffer().flush();
    h.db().on('query', onQuery);
    try {
      const HITS = 35;
      const answers = await Promise.all(
        Array.from({ length: HITS }, (_, i) =>
          hit(
            i % 2
              ? `/o/${token({ kind: 'open', campaignId })}`
              : `/l/${token({ kind: 'click', campaignId, linkId: linkIds[0] })}`,
          ),
        ),
      );
      expect(answers.every((res) => res.status === 200 || res.status === 302)).toBe(true);
      // Three full batches go at once; the last five wait for the (long) interval.
      await waitUntil(
        'three batches written',
        async () => ((await events(campaignId)).length === 30 ? true : undefined),
        {
          timeoutMs: 20_000,
        },
      );
      expect(inserts).toHaveLength(3);
      expect(buffer().stats().waiting).toBe(5);
      await buffer().flush();
      const rows = await events(campaignId);
      expect(rows).toHaveLength(HITS);
      expect(new Set(rows.map((row) => row.external_id)).size).toBe(HITS);
      expect(inserts).toHaveLength(4);
    } finally {
      h.db().off('query', onQuery);
      tracking('flushIntervalMs', TRACKING.flushIntervalMs);
      tracking('flushBatchSize', 500);
    }
  });

  it('answers hits on a known link from memory: not one query until the flush writes them', async () => {
    const { campaignId, linkIds } = await campaignWithLinks(['https://example.test/memory']);
    const click = () => hit(`/l/${token({ kind: 'click', campaignId, linkId: linkIds[0] })}`);
    // The first click reads the link and the campaign's link count once.
    await click();
    await buffer().flush();
    const queries: string[] = [];
    const onQuery = (query: { sql: string }) => queries.push(query.sql);
    tracking('flushIntervalMs', 10_000);
    h.db().on('query', onQuery);
    try {
      for (let i = 0; i < 20; i++) expect((await click()).status).toBe(302);
      for (let i = 0; i < 20; i++) expect((await hit(`/o/${token({ kind: 'open', campaignId })}`)).status).toBe(200);
      expect(queries).toEqual([]);
      await buffer().flush();
      expect(queries).toHaveLength(1);
      expect(queries[0]).toMatch(/^insert into/i);
    } finally {
      h.db().off('query', onQuery);
      tracking('flushIntervalMs', TRACKING.flushIntervalMs);
    }
    expect(await events(campaignId)).toHaveLength(41);
  });

  it('flushIntervalMs: hits wait in memory for the interval, then are written without a flush being asked for', async () => {
    const { campaignId } = await campaignWithLinks([]);
    tracking('flushIntervalMs', 10_000);
    try {
      for (let i = 0; i < 3; i++) expect((await hit(`/o/${token({ kind: 'open', campaignId })}`)).status).toBe(200);
      // Answered, and still not written: the answers never waited for the write.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await events(campaignId)).toHaveLength(0);
      await buffer().flush();
      tracking('flushIntervalMs', 150);
      for (let i = 0; i < 3; i++) await hit(`/o/${token({ kind: 'open', campaignId })}`);
      await waitUntil('the interval flush', async () => ((await events(campaignId)).length === 6 ? true : undefined), {
        timeoutMs: 8_000,
        intervalMs: 50,
      });
    } finally {
      tracking('flushIntervalMs', TRACKING.flushIntervalMs);
    }
  });

  it('a failed write is logged without its rows, tried once more by the next flush, then dropped', async () => {
    const { campaignId } = await campaignWithLinks([]);
    const table = TABLES.deliveryEvents;
    // The database refuses this campaign's rows until the test lets it.
    const block =
      h.client === 'sqlite'
        ? `create trigger test_block_hits before insert on ${table} when new.campaign_id = ${campaignId} begin select raise(abort, 'blocked'); end`
        : `alter table ${table} add constraint test_block_hits check (campaign_id <> ${campaignId}) not valid`;
    const unblock =
      h.client === 'sqlite' ? 'drop trigger test_block_hits' : `alter table ${table} drop constraint test_block_hits`;
    const logged: string[] = [];
    const log = h.app().strapi.log;
    const error = log.error;
    log.error = ((message: string) => logged.push(String(message))) as unknown as typeof log.error;
    tracking('flushIntervalMs', 10_000);
    // Earlier tests' hits are written first: one INSERT carries every waiting hit, and would fail with these.
    await buffer().flush();
    await h.db().raw(block);
    try {
      const opens = Array.from({ length: 3 }, () => token({ kind: 'open', campaignId }));
      for (const open of opens) await hit(`/o/${open}`);
      const droppedBefore = buffer().stats().dropped;
      await buffer().flush();
      expect(buffer().stats()).toEqual({ waiting: 3, dropped: droppedBefore });
      await h.db().raw(unblock);
      await buffer().flush();
      expect(await events(campaignId)).toHaveLength(3);

      // Refused twice: dropped, and the buffer is empty again.
      await h.db().raw(block);
      await hit(`/o/${token({ kind: 'open', campaignId })}`);
      await buffer().flush();
      await buffer().flush();
      expect(buffer().stats()).toEqual({ waiting: 0, dropped: droppedBefore + 1 });
      expect(logged).toHaveLength(3);
      expect(logged[0]).toMatch(/writing 3 tracking hits failed \(3 will be tried again\)/);
      expect(logged[2]).toMatch(/writing 1 tracking hits failed \(0 will be tried again\)/);
      for (const line of logged) {
        expect(line).not.toContain(SECRET);
        expect(line).not.toContain(opens[0].split('.')[0]);
        expect(line).not.toMatch(/insert into/i);
      }
    } finally {
      log.error = error;
      await h
        .db()
        .raw(unblock)
        .catch(() => undefined);
      tracking('flushIntervalMs', TRACKING.flushIntervalMs);
    }
    expect(await events(campaignId)).toHaveLength(3);
  });

  it('holds at most max(20 × flushBatchSize, 10,000) hits while a write is under way: past that a hit is dropped and counted', async () => {
    const { campaignId } = await campaignWithLinks([]);
    await buffer().flush();
    const droppedBefore = buffer().stats().dropped;
    const open = {
      kind: 'open' as const,
      campaignId,
      linkId: null,
      deliveryId: null,
      subscriberId: null,
      machine: false,
      occurredAt: new Date(),
    };
    // In one tick, as a flood would arrive while the database is slow: the first 500 leave in a
    // batch whose INSERT cannot finish meanwhile, the next 10,000 fill the buffer, the last 100 are dropped.
    const ids = Array.from({ length: 10_600 }, () => buffer().add(open));
    expect(ids.filter((id) => id === null)).toHaveLength(100);
    expect(buffer().stats()).toEqual({ waiting: 10_000, dropped: droppedBefore + 100 });
    await buffer().flush();
    expect(await events(campaignId)).toHaveLength(10_500);
  });

  it("hits still buffered are written on Strapi's destroy", async () => {
    const { campaignId } = await campaignWithLinks([]);
    tracking('flushIntervalMs', 10_000);
    for (let i = 0; i < 4; i++) await hit(`/o/${token({ kind: 'open', campaignId })}`);
    expect(await events(campaignId)).toHaveLength(0);
    await h.app().restart();
    expect(await events(campaignId)).toHaveLength(4);
  });
}
