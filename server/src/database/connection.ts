import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

export type Dialect = 'sqlite' | 'postgres' | 'mysql';

export function dialect(strapi: Core.Strapi): Dialect {
  return strapi.db.config.connection.client as Dialect;
}

export function knex(strapi: Core.Strapi): Knex {
  return strapi.db.connection as unknown as Knex;
}

/** Rows changed by a raw INSERT/UPDATE, whatever the driver's result shape. */
export function affectedRows(result: any): number {
  if (typeof result === 'number') return result;
  if (Array.isArray(result)) return affectedRows(result[0]);
  return Number(result?.rowCount ?? result?.affectedRows ?? result?.changes ?? 0);
}

/** Datetimes read with raw knex: SQLite keeps epoch milliseconds, the others give Dates or strings. */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date
    ? value
    : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as any));
}
