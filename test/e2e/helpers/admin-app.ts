/** The e2e fixture: one Strapi (with the built admin) and one SMTP server per test file. */
import { bootStrapi, type TestStrapi } from '../../helpers/strapi';
import { startSmtpServer, type TestSmtpServer } from '../../helpers/smtp-server';

export interface AdminApp {
  app: TestStrapi;
  smtp: TestSmtpServer;
  stop(): Promise<void>;
}

/** `env` adds to the test app's environment (see test/app/config/plugins.js), e.g. EMAIL_CAMPAIGNS_FEEDBACK. */
export async function startAdminApp(env: Record<string, string> = {}): Promise<AdminApp> {
  const smtp = await startSmtpServer();
  const app = await bootStrapi({
    db: 'sqlite',
    smtp: { host: smtp.host, port: smtp.port },
    serveAdminPanel: true,
    env,
  });
  return {
    app,
    smtp,
    async stop() {
      await app.stop();
      await smtp.close();
    },
  };
}

/** One sender run in this process, as the cron tick would do it. */
export async function tickSender(app: TestStrapi) {
  await app.strapi.plugin('email-campaigns').service('sender').run();
}

export const PLUGIN = '/admin/plugins/email-campaigns';
