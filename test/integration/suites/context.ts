import { afterAll, beforeAll, describe } from 'vitest';
import { bootStrapi, type BootOptions, type TestStrapi } from '../../helpers/strapi';
import { startSmtpServer, type TestSmtpServer } from '../../helpers/smtp-server';
import { unavailableReason, type DatabaseClient } from '../../helpers/database';
import { feedbackConfig } from '../../helpers/webhook-signing';

/** What every suite of a database file shares: one Strapi boot and one SMTP server. */
export interface SuiteContext {
  client: DatabaseClient;
  app: TestStrapi;
  smtp: TestSmtpServer;
}

/**
 * Declares the suites of one database with a single Strapi boot.
 * Under CI an unreachable database fails the file; elsewhere it is skipped with a printed reason.
 */
export async function describeDatabase(
  client: DatabaseClient,
  suites: Array<(ctx: SuiteContext) => void>,
  options: Partial<BootOptions> = {},
) {
  const reason = await unavailableReason(client);
  if (reason && process.env.CI) throw new Error(`CI needs ${client}: ${reason}`);
  if (reason) console.log(`[tests] skipping ${client}: ${reason}`);

  describe.skipIf(Boolean(reason))(`on ${client}`, () => {
    const ctx = { client } as SuiteContext;

    beforeAll(async () => {
      ctx.smtp = await startSmtpServer();
      ctx.app = await bootStrapi({ db: client, smtp: { host: ctx.smtp.host, port: ctx.smtp.port }, ...options });
    });

    afterAll(async () => {
      await ctx.app?.stop();
      await ctx.smtp?.close();
    });

    for (const suite of suites) suite(ctx);
  });
}

/** The provider setup every database file boots with. */
export const SUITE_ENV = {
  SMTP_USER: 'smtp-user',
  SMTP_PASS: 'smtp-secret-password',
  EMAIL_CAMPAIGNS_TEST_PROVIDERS: JSON.stringify({
    limited: { limits: { perDay: 50 } },
    // The series suite's: a day's limit that series steps and a campaign share, its window untouched by other suites.
    drip: { limits: { perDay: 30 } },
    // Short timeouts so stalled-server cases end in seconds.
    faulty: { maxConnections: 2, transport: { connectionTimeout: 3000, greetingTimeout: 3000, socketTimeout: 5000 } },
    // The reputation breaker's own: its rates start clean, whatever the other suites send.
    reputation: {},
    spam: {},
  }),
  // Every webhook type set up with this process's keys (feedback-webhooks.ts signs with them).
  EMAIL_CAMPAIGNS_FEEDBACK: JSON.stringify(feedbackConfig()),
};
