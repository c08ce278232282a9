import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import mysql from 'mysql2/promise';

export type DatabaseClient = 'sqlite' | 'postgres' | 'mysql';
export const ALL_CLIENTS: DatabaseClient[] = ['sqlite', 'postgres', 'mysql'];

/** A fresh, empty database and the environment that points test/app at it. */
export interface TestDatabase {
  client: DatabaseClient;
  name: string;
  env: Record<string, string>;
  drop(): Promise<void>;
}

const PG = { host: process.env.PGHOST ?? '127.0.0.1', port: Number(process.env.PGPORT ?? 5432), user: process.env.PGUSER ?? 'postgres', password: process.env.PGPASSWORD ?? '' };
const MY = { host: process.env.MYSQL_HOST ?? '127.0.0.1', port: Number(process.env.MYSQL_PORT ?? 3306), user: process.env.MYSQL_USER ?? 'root', password: process.env.MYSQL_PASSWORD ?? '' };

const HOW_TO_START: Record<Exclude<DatabaseClient, 'sqlite'>, string> = {
  postgres: `PostgreSQL is not reachable at ${PG.host}:${PG.port} as "${PG.user}". Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start (or set PGHOST/PGPORT/PGUSER).`,
  mysql: `MariaDB/MySQL is not reachable at ${MY.host}:${MY.port} as "${MY.user}". Start it with: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd (or set MYSQL_HOST/MYSQL_PORT/MYSQL_USER).`,
};

async function withPg<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...PG, database: process.env.PGDATABASE ?? 'test', connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function withMysql<T>(fn: (conn: mysql.Connection) => Promise<T>): Promise<T> {
  const conn = await mysql.createConnection({ ...MY, connectTimeout: 3000 });
  try {
    return await fn(conn);
  } finally {
    await conn.end();
  }
}

/** Why a database cannot be used, or null when it can. */
export async function unavailableReason(client: DatabaseClient): Promise<string | null> {
  try {
    if (client === 'postgres') await withPg((c) => c.query('select 1'));
    if (client === 'mysql') await withMysql((c) => c.query('select 1'));
    return null;
  } catch {
    return client === 'sqlite' ? 'SQLite is unavailable' : HOW_TO_START[client];
  }
}

/**
 * The databases this run tests against: TEST_DATABASES (comma-separated) or all three.
 * Under CI an unreachable database fails the run; elsewhere it is left out with a printed line.
 */
export async function databasesUnderTest(): Promise<DatabaseClient[]> {
  const wanted = (process.env.TEST_DATABASES ?? ALL_CLIENTS.join(',')).split(',').map((s) => s.trim()) as DatabaseClient[];
  const usable: DatabaseClient[] = [];
  for (const client of wanted) {
    if (!ALL_CLIENTS.includes(client)) throw new Error(`TEST_DATABASES names "${client}"; use ${ALL_CLIENTS.join(', ')}.`);
    const reason = await unavailableReason(client);
    if (!reason) usable.push(client);
    else if (process.env.CI) throw new Error(`CI needs ${client}: ${reason}`);
    else console.log(`[tests] leaving out ${client}: ${reason}`);
  }
  return usable;
}

export async function createTestDatabase(client: DatabaseClient): Promise<TestDatabase> {
  const name = `ec_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

  if (client === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'ec-sqlite-'));
    return {
      client,
      name,
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }

  if (client === 'postgres') {
    await withPg((c) => c.query(`create database ${name}`));
    return {
      client,
      name,
      env: { DATABASE_CLIENT: 'postgres', DATABASE_HOST: PG.host, DATABASE_PORT: String(PG.port), DATABASE_NAME: name, DATABASE_USERNAME: PG.user, DATABASE_PASSWORD: PG.password },
      drop: () => withPg((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
    };
  }

  await withMysql((c) => c.query(`create database ${name} character set utf8mb4 collate utf8mb4_unicode_ci`));
  return {
    client,
    name,
    env: { DATABASE_CLIENT: 'mysql', DATABASE_HOST: MY.host, DATABASE_PORT: String(MY.port), DATABASE_NAME: name, DATABASE_USERNAME: MY.user, DATABASE_PASSWORD: MY.password },
    drop: () => withMysql((c) => c.query(`drop database if exists ${name}`)).then(() => undefined),
  };
}
