/**
 * Limits shared by every instance (issue #10, item 4; docs/architecture.md, "Several instances"):
 * three Strapi processes on one database, behind a trusted proxy (`server.proxy.koa`), so the
 * test names each request's client in X-Forwarded-For.
 *
 * - The public rate limits are counted in the database: 3 × the per-IP limit of subscribe
 *   requests spread over the three instances gets exactly the limit accepted; so for the
 *   per-address limit.
 * - An odd client address (garbage or an over-long IPv6 address in X-Forwarded-For) gets a
 *   normal answer from every instance, never a 500.
 * - A provider's perSecond holds across the three: its messages reach the SMTP server at most
 *   perSecond (+1 for timing) in any second, although each instance alone may send that fast.
 *
 * MULTI_DATABASES picks the databases (default postgres,mysql).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { createTestDatabase, multiDatabases, unavailableReason, type TestDatabase } from '../helpers/database';
import { burst, type BurstAnswer, type BurstRequest } from '../helpers/http-burst';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { startStrapiProcess, type StrapiProcess } from '../helpers/strapi-process';
import { connect, errorLines, rowsByPid, seedCampaign, statusCounts, waitUntil } from '../helpers/outbox-fixtures';
import { mostWithin } from '../helpers/time-windows';

const INSTANCES = 3;
// The plugin's defaults (docs/architecture.md, "Configuration"): per minute.
const SUBSCRIBE_PER_IP = 10;
const SUBSCRIBE_PER_EMAIL = 3;
const WINDOW_MS = 60_000;
const PER_SECOND = 4;
const PACED_MESSAGES = 24;

const DATABASES = multiDatabases();

/** Waits, if needed, for a fresh rate-limit window, so a burst does not straddle two windows. */
async function freshWindow(needMs = 20_000) {
  const left = WINDOW_MS - (Date.now() % WINDOW_MS);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

for (const client of DATABASES) {
  const reason = await unavailableReason(client);
  if (reason && process.env.CI) throw new Error(`CI needs ${client}: ${reason}`);
  if (reason) console.log(`[tests] skipping shared limits on ${client}: ${reason}`);

  describe.skipIf(Boolean(reason))(`limits shared by ${INSTANCES} instances on one ${client} database`, () => {
    let database: TestDatabase;
    let smtp: TestSmtpServer;
    let db: Knex;
    let listSlug = '';
    const instances: StrapiProcess[] = [];

    const start = async () => {
      const instance = await startStrapiProcess({
        ...database.env,
        SMTP_HOST: smtp.host,
        SMTP_PORT: String(smtp.port),
        PROXY: 'true',
        EMAIL_CAMPAIGNS_CRON: '*/1 * * * * *',
        EMAIL_CAMPAIGNS_BATCH_SIZE: '2',
        EMAIL_CAMPAIGNS_TEST_PROVIDERS: JSON.stringify({ paced: { limits: { perSecond: PER_SECOND } } }),
        DATABASE_POOL_MAX: '4',
      });
      instances.push(instance);
    };

    beforeAll(async () => {
      database = await createTestDatabase(client);
      smtp = await startSmtpServer({ record: 'count' });
      db = connect(database);
      // The first instance creates the schema; the others boot on it together.
      await start();
      await Promise.all(Array.from({ length: INSTANCES - 1 }, start));
      listSlug = `shared-${Date.now().toString(36)}`;
      const now = new Date();
      await db('email_campaigns_lists').insert({
        document_id: randomUUID(),
        name: listSlug,
        slug: listSlug,
        double_opt_in: false,
        public: true,
        created_at: now,
        updated_at: now,
        published_at: now,
      });
    }, 240_000);

    afterAll(async () => {
      await Promise.all(instances.map((instance) => instance.kill('SIGKILL')));
      await db?.destroy();
      await database?.drop();
      await smtp?.close();
    });

    /**
     * Subscribe requests, the i-th to instance i mod 3, one after another: concurrent subscribe
     * transactions can deadlock on MariaDB (a subscriptions matter, not the limits'), and the
     * counter's upsert is atomic anyway.
     */
    async function spread(requests: Array<{ email: string; forwardedFor: string }>): Promise<BurstAnswer[]> {
      const answers: BurstAnswer[] = [];
      for (const [index, { email, forwardedFor }] of requests.entries()) {
        const request: BurstRequest = {
          method: 'POST',
          path: '/api/email-campaigns/subscribe',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
          body: JSON.stringify({ email, lists: [listSlug] }),
        };
        answers.push(...(await burst(instances[index % instances.length].url, [request], 1)));
      }
      return answers;
    }

    const statuses = (answers: BurstAnswer[]) =>
      answers.reduce<Record<number, number>>(
        (counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }),
        {},
      );

    it('3 × the per-IP limit of subscribe requests spread over 3 instances gets no more than the limit accepted', async () => {
      await freshWindow();
      const tag = Date.now().toString(36);
      const perIp = await spread(
        Array.from({ length: INSTANCES * SUBSCRIBE_PER_IP }, (_, i) => ({
          email: `ip-${tag}-${i}@shared.test`,
          forwardedFor: '203.0.113.50',
        })),
      );
      expect(statuses(perIp)).toEqual({ 200: SUBSCRIBE_PER_IP, 429: (INSTANCES - 1) * SUBSCRIBE_PER_IP });
      // Another client is counted on its own.
      const other = await spread([{ email: `ip-${tag}-other@shared.test`, forwardedFor: '198.51.100.60' }]);
      expect(other[0].status).toBe(200);

      // The per-address limit too: one address from many clients, over every instance.
      const perAddress = await spread(
        Array.from({ length: INSTANCES * SUBSCRIBE_PER_EMAIL }, (_, i) => ({
          email: `address-${tag}@shared.test`,
          forwardedFor: `198.51.100.${i + 1}`,
        })),
      );
      expect(statuses(perAddress)).toEqual({ 200: SUBSCRIBE_PER_EMAIL, 429: (INSTANCES - 1) * SUBSCRIBE_PER_EMAIL });
    });

    it('an odd client address behind the trusted proxy gets a normal answer from every instance, never a 500', async () => {
      await freshWindow(5000);
      const odd = [
        'not-an-ip',
        '1:2:3:4:5:6:7:8:9:a:b:c:d:e:f',
        `${'abcd:'.repeat(60)}1`,
        '2001:db8::1::2, 10.0.0.1',
        '999.999.999.999',
        '<script>alert(1)</script>',
      ];
      const tag = Date.now().toString(36);
      const answers = await spread(
        odd.map((forwardedFor, i) => ({ email: `odd-${tag}-${i}@shared.test`, forwardedFor })),
      );
      for (const [i, answer] of answers.entries()) {
        expect(answer.status, `${odd[i]}: ${answer.body}`).toBe(200);
        expect(JSON.parse(answer.body).data.message).toEqual(expect.any(String));
      }
      // Counted under the proxy's own address, and recorded with consent as that address.
      const recorded: string[] = await db('email_campaigns_subscribers')
        .where('email', 'like', `odd-${tag}-%`)
        .pluck('consent_ip');
      expect(recorded).toHaveLength(odd.length);
      for (const ip of recorded) expect(ip).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
      // A valid forwarded address is the client's.
      const [valid] = await spread([{ email: `odd-${tag}-valid@shared.test`, forwardedFor: '[2001:db8::7]:443' }]);
      expect(valid.status).toBe(200);
      expect(
        await db('email_campaigns_subscribers').where('email', `odd-${tag}-valid@shared.test`).first('consent_ip'),
      ).toEqual({ consent_ip: '2001:db8::7' });
    });

    it("a provider's perSecond holds across the 3 instances", async () => {
      smtp.clear();
      const startedAt = Date.now();
      const { campaignId } = await seedCampaign(db, PACED_MESSAGES, { provider: 'paced' });
      await smtp.waitFor(PACED_MESSAGES, 90_000);
      await waitUntil('the campaign rows to be recorded', async () =>
        (await statusCounts(db, campaignId)).sent === PACED_MESSAGES ? true : undefined,
      );
      // Each message's start (MAIL FROM): what the pacer spaces out. Its end also carries the body's
      // transfer and this process's own delays, which bunch under a loaded machine.
      const received = smtp.envelopes.map((e) => e.startedAt.getTime());
      const sentBy = await rowsByPid(db, campaignId, 'sent');
      const took = (Math.max(...received) - Math.min(...received)) / 1000;
      console.log(
        `[shared limits ${client}] ${PACED_MESSAGES} messages at perSecond ${PER_SECOND}: ${took.toFixed(1)} s, most in one second ${mostWithin(received, 1000)}, per instance ${JSON.stringify(sentBy)}, ${((Date.now() - startedAt) / 1000).toFixed(1)} s in all`,
      );
      // Every instance took part, so each paced itself for the others.
      expect(Object.keys(sentBy)).toHaveLength(INSTANCES);
      expect(mostWithin(received, 1000)).toBeLessThanOrEqual(PER_SECOND + 1);
      expect(took).toBeGreaterThanOrEqual((PACED_MESSAGES - PER_SECOND - 1) / PER_SECOND);
      expect(instances.flatMap((instance) => errorLines(instance.output()))).toEqual([]);
    }, 120_000);
  });
}
