import { createRequire } from 'node:module';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { createTestDatabase, type DatabaseClient, type TestDatabase } from './database';

// Strapi's ESM build does not load under Node's ESM resolver: use its CommonJS entry, as Strapi itself does.
const requireCjs = createRequire(import.meta.url);

export const APP_DIR = path.resolve(__dirname, '..', 'app');
export const ADMIN = { email: 'admin@example.test', password: 'Test-Password-1' };

/** The environment every test boot shares: quiet logs, no telemetry, no cron (tests tick by hand). */
export function baseEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    STRAPI_TELEMETRY_DISABLED: 'true',
    BROWSER: 'false',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    EMAIL_CAMPAIGNS_CRON: 'off',
    EMAIL_CAMPAIGNS_SECRET: 'test-secret-for-email-campaigns-0123456789',
    ...extra,
  };
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

/**
 * strapi.destroy() calls process.removeAllListeners(), which also removes the test
 * runner's own IPC listeners: put back what was there before Strapi booted.
 */
function snapshotProcessListeners() {
  const saved = process.eventNames().map((name) => [name, process.listeners(name as any)] as const);
  return () => {
    for (const [name, listeners] of saved) {
      for (const listener of listeners) {
        if (!process.listeners(name as any).includes(listener)) process.on(name as any, listener as any);
      }
    }
  };
}

export interface BootOptions {
  db: DatabaseClient;
  smtp?: { host: string; port: number };
  env?: Record<string, string | undefined>;
  serveAdminPanel?: boolean;
}

export interface TestStrapi {
  strapi: Core.Strapi;
  url: string;
  database: TestDatabase;
  /** A fetch against this Strapi; `token` adds an admin bearer token. */
  request(pathname: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>;
  login(email?: string, password?: string): Promise<string>;
  /** Destroys Strapi and boots it again on the same database, as a process restart would. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Boots test/app in this process on a fresh database, listening on an ephemeral port.
 * One boot serves every test of a file; stop() destroys Strapi and drops the database.
 */
export async function bootStrapi(options: BootOptions): Promise<TestStrapi> {
  const database = await createTestDatabase(options.db);
  const env = baseEnv({
    ...database.env,
    ...(options.smtp ? { SMTP_HOST: options.smtp.host, SMTP_PORT: String(options.smtp.port) } : {}),
    ...options.env,
  });
  Object.assign(process.env, env);

  const start = async () => {
    const restoreListeners = snapshotProcessListeners();
    const { createStrapi } = requireCjs('@strapi/strapi') as typeof import('@strapi/strapi');
    const strapi = await createStrapi({
      appDir: APP_DIR,
      distDir: APP_DIR,
      serveAdminPanel: options.serveAdminPanel ?? false,
    }).load();
    await strapi.server.listen();
    const { port } = strapi.server.httpServer.address() as { port: number };
    const url = `http://127.0.0.1:${port}`;
    // Links in mail point at this very server, so tests can follow them.
    if (!options.env?.PUBLIC_URL) strapi.config.set('plugin::email-campaigns.publicUrl', url);
    const stop = async () => {
      await strapi.destroy();
      restoreListeners();
    };
    return { strapi, url, stop };
  };

  let current = await start();
  const request: TestStrapi['request'] = (pathname, init = {}) => {
    const { token, json, headers, ...rest } = init;
    return fetch(current.url + pathname, {
      ...rest,
      headers: {
        ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(headers as Record<string, string>),
      },
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  };

  // Strapi rate-limits admin logins per address: the suites of one boot share a token per user.
  const tokens = new Map<string, string>();
  const handle: TestStrapi = {
    strapi: current.strapi,
    url: current.url,
    database,
    request,
    async login(email = ADMIN.email, password = ADMIN.password) {
      const known = tokens.get(`${email}\u0000${password}`);
      if (known) return known;
      const res = await request('/admin/login', { method: 'POST', json: { email, password } });
      const body: any = await res.json();
      if (!res.ok) throw new Error(`login as ${email} failed: ${res.status} ${JSON.stringify(body)}`);
      tokens.set(`${email}\u0000${password}`, body.data.token);
      return body.data.token as string;
    },
    async restart() {
      await current.stop();
      tokens.clear();
      current = await start();
      handle.strapi = current.strapi;
      handle.url = current.url;
    },
    async stop() {
      await current.stop();
      await database.drop();
    },
  };
  return handle;
}

/** Creates an admin role with the given plugin actions and a user in it; returns the user's credentials. */
export async function createLimitedAdmin(strapi: Core.Strapi, actions: string[]) {
  const suffix = Math.random().toString(36).slice(2, 8);
  const role = await strapi.service('admin::role').create({ name: `Limited ${suffix}`, description: 'test role' });
  if (actions.length) {
    await strapi.service('admin::role').assignPermissions(
      role.id,
      actions.map((action) => ({ action, subject: null, properties: {}, conditions: [] })),
    );
  }
  const email = `limited-${suffix}@example.test`;
  const password = 'Limited-Password-1';
  await strapi.service('admin::user').create({
    email,
    firstname: 'Limited',
    lastname: 'User',
    password,
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  return { email, password };
}
