/**
 * Several instances (issue 3; docs/architecture.md, "Several instances"): three Strapi processes share one database
 * and all run the sender tick. A 5,000-recipient campaign on a provider limited to 3,000 an
 * hour must reach the SMTP server exactly 3,000 times, never twice for one address, and leave
 * the other 2,000 rows queued for the next window. Correctness comes from the database alone:
 * the provider-state lock makes the limit exact, the unique index and the claim make the
 * deliveries at most once.
 *
 * The children run on the real clock (the in-process test clock cannot reach them). The hour
 * passes instead in the outbox: the windows count `sent_at`, so the test ages sends by an hour
 * (first 50 of them, so three instances race for 50 free slots; then all of them, so the
 * campaign finishes).
 * MULTI_DATABASES picks the databases (default postgres,mysql).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { createTestDatabase, multiDatabases, unavailableReason, type TestDatabase } from '../helpers/database';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { startStrapiProcess, type StrapiProcess } from '../helpers/strapi-process';
import {
  ageSends,
  campaignStatus,
  connect,
  duplicates,
  emailsWithStatus,
  errorLines,
  rowsByPid,
  seedCampaign,
  statusCounts,
  waitUntil,
} from '../helpers/outbox-fixtures';

const INSTANCES = 3;
const RECIPIENTS = 5000;
const PER_HOUR = 3000;
const BATCH_SIZE = 100;
// A little latency per message keeps the campaign sending over several ticks of every instance.
const SMTP_DELAY_MS = 5;
// Once the cap is reached, every instance keeps ticking (once a second): this long without a
// single further message shows none of them found room it should not have.
const QUIET_MS = 2000;
const HOUR_AND_A_MINUTE = 3_660_000;

const DATABASES = multiDatabases();

for (const client of DATABASES) {
  const reason = await unavailableReason(client);
  if (reason && process.env.CI) throw new Error(`CI needs ${client}: ${reason}`);
  if (reason) console.log(`[tests] skipping several instances on ${client}: ${reason}`);

  describe.skipIf(Boolean(reason))(`${INSTANCES} instances on one ${client} database`, () => {
    let database: TestDatabase;
    let smtp: TestSmtpServer;
    let db: Knex;
    const instances: StrapiProcess[] = [];

    beforeAll(async () => {
      database = await createTestDatabase(client);
      smtp = await startSmtpServer({ record: 'count' });
      smtp.delay(SMTP_DELAY_MS);
      db = connect(database);
    });

    afterAll(async () => {
      await Promise.all(instances.map((instance) => instance.kill('SIGKILL')));
      await db?.destroy();
      await database?.drop();
      await smtp?.close();
    });

    const start = async () => {
      const instance = await startStrapiProcess({
        ...database.env,
        SMTP_HOST: smtp.host,
        SMTP_PORT: String(smtp.port),
        EMAIL_CAMPAIGNS_CRON: '*/1 * * * * *',
        EMAIL_CAMPAIGNS_BATCH_SIZE: String(BATCH_SIZE),
        EMAIL_CAMPAIGNS_PER_HOUR: String(PER_HOUR),
        DATABASE_POOL_MAX: '4',
      });
      instances.push(instance);
      return instance;
    };

    /** Fails at once, with its output, if an instance exits while the test waits. */
    const allAlive = <T>(promise: Promise<T>): Promise<T> =>
      Promise.race([
        promise,
        ...instances.map((instance) =>
          instance.exited.then(({ code, signal }) => {
            throw new Error(`An instance exited by itself (${code ?? signal}):\n${instance.output()}`);
          }),
        ),
      ]);

    /**
     * Waits until the server has `count` messages and no row is in flight any more, then lets
     * every instance tick a few more times (once a second each): none may find room it does not
     * have. Answers the campaign's rows by status at the end.
     */
    const quietAt = async (campaignId: number, count: number) => {
      await allAlive(smtp.waitFor(count, 90_000));
      await allAlive(
        waitUntil('the claimed rows to be recorded', async () =>
          (await statusCounts(db, campaignId)).sending ? undefined : true,
        ),
      );
      await allAlive(new Promise((resolve) => setTimeout(resolve, QUIET_MS)));
      return statusCounts(db, campaignId);
    };

    const receivedAddresses = () => {
      const recipients = smtp.envelopes.map((e) => e.envelope.to);
      expect(recipients.every((to) => to.length === 1)).toBe(true);
      return recipients.map((to) => to[0].toLowerCase());
    };

    it(`send exactly ${PER_HOUR} of ${RECIPIENTS} messages under perHour ${PER_HOUR}, nobody twice, and the rest as the window rolls`, async () => {
      // The first instance creates the schema; the others boot on it together.
      await start();
      await Promise.all(Array.from({ length: INSTANCES - 1 }, start));
      const { campaignId, emails } = await seedCampaign(db, RECIPIENTS);
      const seededAt = Date.now();

      // 1. The hour's 3,000 go out, shared by the three instances, and not one more.
      const first = await quietAt(campaignId, PER_HOUR);
      const firstTook = (Date.now() - seededAt) / 1000;
      expect(smtp.received()).toBe(PER_HOUR);
      let received = receivedAddresses();
      expect(duplicates(received)).toEqual({});
      expect(first).toEqual({ sent: PER_HOUR, queued: RECIPIENTS - PER_HOUR });
      expect(new Set(await emailsWithStatus(db, campaignId, 'sent'))).toEqual(new Set(received));
      expect(await campaignStatus(db, campaignId)).toBe('sending');
      const sentBy = await rowsByPid(db, campaignId, 'sent');
      expect(Object.keys(sentBy).map(Number).sort()).toEqual(instances.map((instance) => instance.child.pid!).sort());

      // 2. An hour passes for the first 50 sends only: 50 slots free up at once. The instances'
      // ticks fire in the same second (cron follows the wall clock), so they race for them:
      // the provider lock must hand out exactly 50.
      expect(await ageSends(db, campaignId, HOUR_AND_A_MINUTE, 50)).toBe(50);
      const second = await quietAt(campaignId, PER_HOUR + 50);
      expect(smtp.received()).toBe(PER_HOUR + 50);
      expect(second).toEqual({ sent: PER_HOUR + 50, queued: RECIPIENTS - PER_HOUR - 50 });

      // 3. The rest of the hour passes: the remaining rows go out and the campaign finishes.
      await ageSends(db, campaignId, HOUR_AND_A_MINUTE);
      await allAlive(
        waitUntil(
          'the campaign to finish',
          async () => ((await campaignStatus(db, campaignId)) === 'sent' ? true : undefined),
          { timeoutMs: 90_000, intervalMs: 200 },
        ),
      );
      const totalTook = (Date.now() - seededAt) / 1000;
      await Promise.all(instances.map((instance) => instance.kill('SIGTERM')));
      console.log(
        `[several instances ${client}] first ${PER_HOUR} in ${firstTook.toFixed(1)} s (per instance ${JSON.stringify(sentBy)}); all ${RECIPIENTS} in ${totalTook.toFixed(1)} s`,
      );

      received = receivedAddresses();
      expect(received).toHaveLength(RECIPIENTS);
      expect(duplicates(received)).toEqual({});
      expect(new Set(received)).toEqual(new Set(emails));
      expect(await statusCounts(db, campaignId)).toEqual({ sent: RECIPIENTS });

      // No instance logged an error (a failed tick, a deadlock, a lock wait timeout) on the way.
      expect(instances.flatMap((instance) => errorLines(instance.output()))).toEqual([]);
    }, 240_000);
  });
}
