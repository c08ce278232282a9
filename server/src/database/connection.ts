import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

export type Dialect = 'sqlite' | 'postgres' | 'mysql';

export function dialect(strapi: Core.Strapi): Dialect {
  return strapi.db.config.connection.client as Dialect;
}

export function knex(strapi: Core.Strapi): Knex {
  return strapi.db.connection as unknown as Knex;
}

/** The counts a driver may report: `rowCount` (pg), `affectedRows` (mysql2), `changes` (better-sqlite3). */
interface DriverWriteResult {
  rowCount?: number | null;
  affectedRows?: number;
  changes?: number;
}

/** Rows changed by a raw INSERT/UPDATE, whatever the driver's result shape. */
export function affectedRows(result: unknown): number {
  if (typeof result === 'number') return result;
  if (Array.isArray(result)) return affectedRows(result[0]);
  const { rowCount, affectedRows: affected, changes } = (result ?? {}) as DriverWriteResult;
  return Number(rowCount ?? affected ?? changes ?? 0);
}

/** Datetimes read with raw knex: SQLite keeps epoch milliseconds, the others give Dates or strings. */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  return new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number));
}
