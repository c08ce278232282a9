import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import mysql from 'mysql2/promise';

export type DatabaseClient = 'sqlite' | 'postgres' | 'mysql';
export const ALL_CLIENTS: DatabaseClient[] = ['sqlite', 'postgres', 'mysql'];

/** The databases of the several-instance tests: MULTI_DATABASES (comma-separated), by default postgres and mysql. */
export const multiDatabases = (): DatabaseClient[] =>
  (process.env.MULTI_DATABASES ?? 'postgres,mysql').split(',').map((s) => s.trim()) as DatabaseClient[];

/** A fresh, empty database and the environment that points test/app at it. */
export interface TestDatabase {
  client: DatabaseClient;
  name: string;
  env: Record<string, string>;
  drop(): Promise<void>;
}

const PG = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
  password: process.env.PGPASSWORD ?? '',
};
const MY = {
  host: process.env.MYSQL_HOST ?? '127.0.0.1',
  port: Number(process.env.MYSQL_PORT ?? 3306),
  user: process.env.MYSQL_USER ?? 'root',
  password: process.env.MYSQL_PASSWORD ?? '',
};

const HOW_TO_START: Record<Exclude<DatabaseClient, 'sqlite'>, string> = {
  postgres: `PostgreSQL is not reachable at ${PG.host}:${PG.port} as "${PG.user}". Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start (or set PGHOST/PGPORT/PGUSER).`,
  mysql: `MariaDB/MySQL is not reachable at ${MY.host}:${MY.port} as "${MY.user}". Start it with: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd (or set MYSQL_HOST/MYSQL_PORT/MYSQL_USER).`,
};

async function withPg<T>(fn: (client: pg.Client) => Promise<T>, server = PG): Promise<T> {
  const client = new pg.Client({
    ...server,
    database: process.env.PGDATABASE ?? 'test',
    connectionTimeoutMillis: 3000,
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function withMysql<T>(fn: (conn: mysql.Connection) => Promise<T>, server = MY): Promise<T> {
  const conn = await mysql.createConnection({ ...server, connectTimeout: 3000 });
  try {
    return await fn(conn);
  } finally {
    await conn.end();
  }
}

/** Why a database cannot be used, or null when it can. `port` probes another port (tests of this). */
export async function unavailableReason(client: DatabaseClient, port?: number): Promise<string | null> {
  try {
    if (client === 'postgres') await withPg((c) => c.query('select 1'), { ...PG, port: port ?? PG.port });
    if (client === 'mysql') await withMysql((c) => c.query('select 1'), { ...MY, port: port ?? MY.port });
    return null;
  } catch {
    return client === 'sqlite' ? 'SQLite is unavailable' : HOW_TO_START[client];
  }
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
      env: {
        DATABASE_CLIENT: 'postgres',
        DATABASE_HOST: PG.host,
        DATABASE_PORT: String(PG.port),
        DATABASE_NAME: name,
        DATABASE_USERNAME: PG.user,
        DATABASE_PASSWORD: PG.password,
      },
      drop: () => withPg((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
    };
  }

  await withMysql((c) => c.query(`create database ${name} character set utf8mb4 collate utf8mb4_unicode_ci`));
  return {
    client,
    name,
    env: {
      DATABASE_CLIENT: 'mysql',
      DATABASE_HOST: MY.host,
      DATABASE_PORT: String(MY.port),
      DATABASE_NAME: name,
      DATABASE_USERNAME: MY.user,
      DATABASE_PASSWORD: MY.password,
    },
    drop: () => withMysql((c) => c.query(`drop database if exists ${name}`)).then(() => undefined),
  };
}
