// Fresh databases for a benchmark, created and dropped the way test/helpers/database.ts does.
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const PG = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
  password: process.env.PGPASSWORD ?? '',
};

async function withPg(fn) {
  const { Client } = require('pg');
  const client = new Client({ ...PG, database: process.env.PGDATABASE ?? 'test', connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Why a database cannot be used, or null when it can. */
async function unavailableReason(client) {
  if (client === 'sqlite') return null;
  if (client !== 'postgres') return `unsupported client ${client}`;
  try {
    await withPg((c) => c.query('select 1'));
    return null;
  } catch (error) {
    return `PostgreSQL is not reachable at ${PG.host}:${PG.port} as "${PG.user}" (${error.message})`;
  }
}

async function createDatabase(client) {
  const name = `ec_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  if (client === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ec-bench-sqlite-'));
    return {
      client,
      name,
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db') },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
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
  throw new Error(`unsupported database client ${client}`);
}

module.exports = { createDatabase, unavailableReason, withPg };
