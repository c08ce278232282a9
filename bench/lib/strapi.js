// Boots test/app in this process with the plugin (loaded from dist/), as test/helpers/strapi.ts does.
const path = require('node:path');
const { createDatabase } = require('./db');

const ROOT = path.resolve(__dirname, '..', '..');
const APP_DIR = path.join(ROOT, 'test', 'app');

function baseEnv(extra = {}) {
  const env = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
    STRAPI_TELEMETRY_DISABLED: 'true',
    BROWSER: 'false',
    EMAIL_CAMPAIGNS_CRON: 'off',
    EMAIL_CAMPAIGNS_SECRET: 'bench-secret-for-email-campaigns-0123456789',
    PUBLIC_URL: 'https://news.example.test',
    ...extra,
  };
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined));
}

/**
 * A fresh database and a loaded Strapi on it (no HTTP listener: the sender needs none).
 * Strapi's destroy() calls process.removeAllListeners(): each benchmark runs in its own process.
 */
async function bootStrapi({ client = 'sqlite', smtp, env = {}, appDir = APP_DIR } = {}) {
  const database = await createDatabase(client);
  Object.assign(
    process.env,
    baseEnv({
      ...database.env,
      ...(smtp ? { SMTP_HOST: smtp.host, SMTP_PORT: String(smtp.port) } : {}),
      ...env,
    }),
  );
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir, distDir: appDir, serveAdminPanel: false }).load();
  return {
    strapi,
    database,
    async stop() {
      await strapi.destroy();
      await database.drop();
    },
  };
}

const plugin = (strapi) => strapi.plugin('email-campaigns');

module.exports = { bootStrapi, plugin, ROOT, APP_DIR };
