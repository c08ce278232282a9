/**
 * Series across crashes (issue #13; docs/architecture.md, "Series"): a three-step series (at
 * once, after 2 days, after 7 days) for 400 people, with a Strapi process killed by SIGKILL in
 * the middle of each step and started again. Each step reaches each person at most once, and
 * every row ends final: the rows a killed process had handed over end `unknown`, the rest is sent
 * after the restart. The children run on the real clock, so the test lets days pass by moving the
 * enrollments' times back (`ageEnrollments`). CRASH_DATABASES picks the databases, CRASH_SEED replays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { TABLES } from '../../server/src/constants';
import { createTestDatabase, unavailableReason, type DatabaseClient, type TestDatabase } from '../helpers/database';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { startStrapiProcess, type StrapiProcess } from '../helpers/strapi-process';
import {
  FINAL_STATUSES,
  connect,
  duplicates,
  errorLines,
  expireLeasesOf,
  rowsHandedBy,
  rowsHeldBy,
  seededRandom,
  statusCounts,
  waitUntil,
} from '../helpers/outbox-fixtures';
import { ageEnrollments, seedSeries } from '../helpers/series-fixtures';

const PEOPLE = 400;
const BATCH_SIZE = 100;
const DAY = 24 * 60;
const DELAYS = [0, 2 * DAY, 7 * DAY];
const SMTP_DELAY_MS = 10;

const DATABASES = (process.env.CRASH_DATABASES ?? 'sqlite,postgres')
  .split(',')
  .map((s) => s.trim()) as DatabaseClient[];

for (const client of DATABASES) {
  const reason = await unavailableReason(client);
  if (reason && process.env.CI) throw new Error(`CI needs ${client}: ${reason}`);
  if (reason) console.log(`[tests] skipping series crash safety on ${client}: ${reason}`);

  describe.skipIf(Boolean(reason))(`series crash safety on ${client}`, () => {
    let database: TestDatabase;
    let smtp: TestSmtpServer;
    let db: Knex;
    let child: StrapiProcess | undefined;
    const outputs: Array<() => string> = [];

    beforeAll(async () => {
      database = await createTestDatabase(client);
      smtp = await startSmtpServer({ record: 'count' });
      smtp.delay(SMTP_DELAY_MS);
      db = connect(database);
    });

    afterAll(async () => {
      await child?.kill('SIGKILL');
      await db?.destroy();
      await database?.drop();
      await smtp?.close();
    });

    const start = async () => {
      child = await startStrapiProcess({
        ...database.env,
        SMTP_HOST: smtp.host,
        SMTP_PORT: String(smtp.port),
        EMAIL_CAMPAIGNS_CRON: '*/1 * * * * *',
        EMAIL_CAMPAIGNS_BATCH_SIZE: String(BATCH_SIZE),
      });
      outputs.push(child.output);
      return child;
    };

    it(`sends each of three steps at most once per person across a SIGKILL in each step`, async () => {
      const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
      const random = seededRandom(seed);
      console.log(`[series crash ${client}] seed ${seed} (CRASH_SEED=${seed} replays it)`);

      let proc = await start();
      // Written while the process runs, as an admin's save would be: the next tick finds step 1 due.
      const { seriesId, campaignIds, emails } = await seedSeries(db, PEOPLE, DELAYS);
      const handed: number[] = [];
      const boundaries = [0];

      for (const [k, campaignId] of campaignIds.entries()) {
        if (k > 0) {
          // Not due yet: a tick finds nothing for this step until its delay has passed.
          await new Promise((resolve) => setTimeout(resolve, 1500));
          expect(smtp.received()).toBe(boundaries[k]);
          await ageEnrollments(db, seriesId, DELAYS[k] - DELAYS[k - 1]);
        }
        // Killed somewhere in the step's first few batches, while it is certainly still sending.
        const killAt = boundaries[k] + 1 + Math.floor(random() * (PEOPLE - 2 * BATCH_SIZE));
        await smtp.waitFor(killAt, 120_000).catch(async (error: Error) => {
          const states = await db(TABLES.seriesEnrollments)
            .groupBy('state', 'next_step')
            .select('state', 'next_step')
            .count({ n: '*' });
          const rows = await db(TABLES.deliveries)
            .where('campaign_id', campaignId)
            .groupBy('status', 'last_error')
            .select('status', 'last_error')
            .count({ n: '*' });
          const campaign = await db(TABLES.campaigns).where('id', campaignId).first('status', 'pause_reason');
          throw new Error(
            `${error.message}; enrollments ${JSON.stringify(states)}; step rows ${JSON.stringify(rows)}; campaign ${JSON.stringify(campaign)}; Strapi said:\n${proc.output().slice(-3000)}`,
          );
        });
        const pid = proc.child.pid!;
        await proc.kill('SIGKILL');
        handed.push(await rowsHandedBy(db, pid));
        expect(await rowsHeldBy(db, pid)).toBeLessThanOrEqual(BATCH_SIZE);
        await expireLeasesOf(db, pid);
        proc = await start();

        await waitUntil(
          `step ${k + 1} to be sent to everyone`,
          async () => {
            const counts = await statusCounts(db, campaignId);
            const total = Object.values(counts).reduce((a, b) => a + b, 0);
            const open = (counts.queued ?? 0) + (counts.retry ?? 0) + (counts.sending ?? 0);
            return total === PEOPLE && open === 0 ? true : undefined;
          },
          { timeoutMs: 150_000, intervalMs: 200 },
        );
        boundaries.push(smtp.received());
      }
      await proc.kill('SIGTERM');
      console.log(`[series crash ${client}] handed over when killed, per step: ${handed.join(', ')}`);

      for (const [k, campaignId] of campaignIds.entries()) {
        const received = smtp.envelopes.slice(boundaries[k], boundaries[k + 1]).map((e) => e.envelope.to[0]);
        expect(duplicates(received), `step ${k + 1}`).toEqual({});
        const counts = await statusCounts(db, campaignId);
        for (const status of Object.keys(counts)) expect(FINAL_STATUSES).toContain(status);
        expect(counts.unknown ?? 0, `step ${k + 1}`).toBe(handed[k]);
        expect((counts.sent ?? 0) + (counts.unknown ?? 0), `step ${k + 1}`).toBe(PEOPLE);
        expect(new Set(received).size + (counts.unknown ?? 0)).toBeGreaterThanOrEqual(PEOPLE);
        expect(received.every((address) => emails.includes(address.toLowerCase()))).toBe(true);
      }
      // Everyone went through every step; the step campaigns stay sending for later joiners.
      const states = await db(TABLES.seriesEnrollments)
        .where('series_id', seriesId)
        .groupBy('state')
        .select('state')
        .count({ n: '*' });
      expect(states.map((s: any) => [s.state, Number(s.n)])).toEqual([['done', PEOPLE]]);
      const statuses = await db(TABLES.campaigns).whereIn('id', campaignIds).pluck('status');
      expect(statuses).toEqual(['sending', 'sending', 'sending']);
      expect(outputs.flatMap((output) => errorLines(output()))).toEqual([]);
    }, 600_000);
  });
}
