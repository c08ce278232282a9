import type { Core } from '@strapi/strapi';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { knex, toDate } from '../../database/connection';
import { TABLES } from '../../constants';
import { listIdsOf } from './memberships';
import { protectCell } from './csv-cells';
import { readJson } from '../../database/json';
import type { ExportFilter } from '../../contracts';
import type { Knex } from 'knex';
import type { SqlFragment } from '../segments/compile';

/** Columns in the order written; the importer recognises every one of them by name. */
export const EXPORT_COLUMNS = [
  'email',
  'name',
  'status',
  'lists',
  'locale',
  'attributes',
  'source',
  'consent_at',
  'confirmed_at',
  'unsubscribed_at',
  'created_at',
];
const PAGE = 1000;

/** A page row as plain knex reads it (datetimes in the driver's shape, `attributes` maybe as text). */
interface ExportColumns {
  id: number;
  email: string;
  name: string | null;
  status: string;
  locale: string | null;
  attributes: unknown;
  source: string | null;
  consent_at: unknown;
  confirmed_at: unknown;
  unsubscribed_at: unknown;
  created_at: unknown;
}

/**
 * The subscriber list as CSV, streamed: pages of 1,000 rows in id order (keyset, so a large
 * table is never loaded or offset-scanned), written through csv-stringify with backpressure.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function* records(filter: ExportFilter, where?: SqlFragment) {
    const db = knex(strapi);
    const allLists: Array<{ id: number; slug: string }> = await db(TABLES.lists).select('id', 'slug');
    const slugs = new Map(allLists.map((list) => [Number(list.id), list.slug]));
    let after = 0;
    for (;;) {
      const query = db(`${TABLES.subscribers} as s`).where('s.id', '>', after).orderBy('s.id').limit(PAGE);
      if (filter.status) query.where('s.status', filter.status);
      if (where) query.whereRaw(where.sql, where.bindings as Knex.RawBinding[]);
      if (filter.list) {
        const links = TABLES.subscriberLists;
        query.whereExists(
          db(links).where(`${links}.subscriber_id`, db.ref('s.id')).where(`${links}.list_id`, filter.list),
        );
      }
      const rows: ExportColumns[] = await query.select(
        's.id',
        's.email',
        's.name',
        's.status',
        's.locale',
        's.attributes',
        's.source',
        's.consent_at',
        's.confirmed_at',
        's.unsubscribed_at',
        's.created_at',
      );
      if (rows.length === 0) return;
      const lists = await listIdsOf(
        db,
        rows.map((row) => Number(row.id)),
      );
      for (const row of rows) {
        const attributes = readJson(row.attributes);
        yield [
          row.email,
          row.name ?? '',
          row.status,
          (lists.get(Number(row.id)) ?? [])
            .map((id) => slugs.get(id))
            .filter(Boolean)
            .join(';'),
          row.locale ?? '',
          attributes ? JSON.stringify(attributes) : '',
          row.source ?? '',
          iso(row.consent_at),
          iso(row.confirmed_at),
          iso(row.unsubscribed_at),
          iso(row.created_at),
        ].map((cell) => protectCell(String(cell)));
      }
      after = Number(rows[rows.length - 1].id);
    }
  }

  return {
    /** The CSV of everyone, of the filter's people, or of those meeting `where` (a bulk export's, over `s`). */
    stream(filter: ExportFilter = {}, where?: SqlFragment): Readable {
      const csv = stringify({ header: true, columns: EXPORT_COLUMNS });
      const source = Readable.from(records(filter, where));
      source.on('error', (error) => csv.destroy(error));
      return source.pipe(csv);
    },
  };
};

function iso(value: unknown): string {
  return toDate(value)?.toISOString() ?? '';
}
