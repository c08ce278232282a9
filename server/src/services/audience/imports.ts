import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { createReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse, type CsvError } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { errors } from '@strapi/utils';
import { getService } from '../../utils/plugin';
import { TABLES, UID } from '../../constants';
import { isUniqueViolation } from '../../database/unique-violation';
import { link, listIdsOf } from './memberships';
import { readRow, resolveColumns, type Columns, type ImportRow } from './import-rows';
import type { SubscriberStatus } from './subscription-plan';
import type { SubscriberEvent } from './subscriber-events';
import { HEARTBEAT_MS, importJobStore } from './import-jobs';
import type { ImportJob, ImportMapping } from '../../contracts';

export interface ImportOptions {
  /** A file this service owns from now on: it is deleted when the import ends. */
  filePath: string;
  mapping?: ImportMapping;
  /** Lists every imported person joins. */
  lists: number[];
  /** Status of new people whose row does not say. */
  status: SubscriberStatus;
  adminId?: number | null;
}

interface ReadyRow extends ImportRow {
  listIds: number[];
}

const BATCH = 500;
const MAX_REPORTED_LINES = 1000;
const HEADER_BYTES = 64 * 1024;
// Progress is saved after every batch, and at least this often while only invalid lines are read.
const SAVE_EVERY_MS = 1000;
const SUBSCRIBERS = TABLES.subscribers;

/**
 * CSV imports, streamed: rows are parsed as the file is read and written in batches of 500, so a
 * file of any length needs memory for one batch (plus the set of addresses seen, to find
 * duplicates). The process reading the file saves the job's progress to the database, where the
 * admin's polls read it, whichever instance they reach.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = importJobStore(strapi);
  const now = (): Date => getService(strapi, 'clock').now();

  /** Saves the job's current state; saves run one after another, so the last one wins. */
  function progressSaver(job: ImportJob) {
    let chain: Promise<void> = Promise.resolve();
    let lastSaved = Date.now();
    const save = () => {
      lastSaved = Date.now();
      chain = chain
        .then(() => store.save(job))
        .catch((error: Error) => {
          strapi.log.warn(`[email-campaigns] could not save the progress of import ${job.id}: ${error.message}`);
        });
      return chain;
    };
    return { save, saveIfDue: () => (Date.now() - lastSaved >= SAVE_EVERY_MS ? save() : chain) };
  }

  function reportInvalid(job: ImportJob, line: number, reason: string) {
    job.invalid += 1;
    if (job.invalidLines.length < MAX_REPORTED_LINES) job.invalidLines.push({ line, reason });
  }

  /** Writes one batch in one transaction: new people, memberships and events, or nothing. */
  async function writeBatch(job: ImportJob, options: ImportOptions, batch: ReadyRow[]) {
    const at = now();
    return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
      const suppressed: Set<string> = await getService(strapi, 'suppressions').suppressedAmong(
        batch.map((row) => row.email),
        trx,
      );
      const rows = batch.filter((row) => !suppressed.has(row.email));
      const known = new Map<string, { id: number; status: string }>(
        (
          await trx(SUBSCRIBERS)
            .whereIn(
              'email',
              rows.map((row) => row.email),
            )
            .select('id', 'email', 'status')
        ).map((r: { id: number; email: string; status: string }) => [r.email, { id: Number(r.id), status: r.status }]),
      );
      const fresh = rows.filter((row) => !known.has(row.email));
      const statusOf = (row: ReadyRow) => row.status ?? options.status;
      if (fresh.length) {
        await strapi.db.query(UID.subscriber).createMany({
          data: fresh.map((row) => ({
            email: row.email,
            name: row.name,
            locale: row.locale,
            attributes: row.attributes,
            status: statusOf(row),
            source: 'import',
            consentAt: at,
            confirmedAt: statusOf(row) === 'subscribed' ? at : null,
            unsubscribedAt: statusOf(row) === 'unsubscribed' ? at : null,
          })),
        });
      }
      const freshIds = new Map<string, number>(
        (
          await trx(SUBSCRIBERS)
            .whereIn(
              'email',
              fresh.map((row) => row.email),
            )
            .select('id', 'email')
        ).map((r: { id: number; email: string }) => [r.email, Number(r.id)]),
      );

      // Unsubscribed people are on no list; everyone else joins the import's lists and their row's.
      const wanted = (row: ReadyRow) => [...new Set([...options.lists, ...row.listIds])];
      const joining = rows.filter((row) => (known.get(row.email)?.status ?? statusOf(row)) !== 'unsubscribed');
      const idOf = (row: ReadyRow) => known.get(row.email)?.id ?? freshIds.get(row.email)!;
      const before = await listIdsOf(trx, joining.filter((row) => known.has(row.email)).map(idOf));
      await link(
        trx,
        joining.flatMap((row) => wanted(row).map((listId) => ({ subscriberId: idOf(row), listId }))),
        { at, confirmed: false },
      );

      const events: SubscriberEvent[] = fresh.map((row) => ({
        subscriberId: idOf(row),
        type: 'imported',
        data: {
          job: job.id,
          by: options.adminId ?? null,
          status: statusOf(row),
          lists: statusOf(row) === 'unsubscribed' ? [] : wanted(row),
        },
        at,
      }));
      for (const row of joining.filter((r) => known.has(r.email))) {
        const added = wanted(row).filter((listId) => !(before.get(idOf(row)) ?? []).includes(listId));
        if (added.length)
          events.push({
            subscriberId: idOf(row),
            type: 'lists-changed',
            data: { via: 'import', job: job.id, by: options.adminId ?? null, added, removed: [] },
            at,
          });
      }
      await getService(strapi, 'subscriberEvents').append(events, trx);
      return { inserted: fresh.length, existing: rows.length - fresh.length, suppressed: suppressed.size };
    });
  }

  async function flush(job: ImportJob, options: ImportOptions, batch: ReadyRow[]) {
    let counts;
    try {
      counts = await writeBatch(job, options, batch);
    } catch (error) {
      // Someone subscribed one of these addresses meanwhile: the retry sees them as existing.
      if (!isUniqueViolation(error)) throw error;
      counts = await writeBatch(job, options, batch);
    }
    job.inserted += counts.inserted;
    job.existing += counts.existing;
    job.suppressed += counts.suppressed;
    // Let waiting HTTP requests (the admin's progress polls among them) in between batches.
    await nextTurn();
  }

  async function run(
    job: ImportJob,
    options: ImportOptions,
    columns: Columns,
    progress: ReturnType<typeof progressSaver>,
  ) {
    const lists: Array<{ id: number; slug: string }> = await strapi.db
      .query(UID.list)
      .findMany({ select: ['id', 'slug'] });
    const listsBySlug = new Map(lists.map((list) => [list.slug, list.id]));
    const file = createReadStream(options.filePath);
    // relax_quotes: a stray quote inside a field is kept as text; without it csv-parse loses
    // its place after the error and drops the following lines without reporting them.
    const parser = file.pipe(
      parse({
        bom: true,
        from_line: 2,
        info: true,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
        skip_records_with_error: true,
        max_record_size: 64 * 1024,
      }),
    );
    parser.on('skip', (error: CsvError) =>
      reportInvalid(job, Number(error.lines ?? 0), `Not valid CSV: ${String(error.message).split(':')[0]}.`),
    );

    const seen = new Set<string>();
    let batch: ReadyRow[] = [];
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      job.rows += 1;
      job.bytesRead = file.bytesRead;
      await progress.saveIfDue();
      const check = readRow(record, columns);
      if (!check.ok) {
        reportInvalid(job, info.lines, check.reason);
        continue;
      }
      const unknown = check.row.listSlugs.filter((slug) => !listsBySlug.has(slug));
      if (unknown.length) {
        reportInvalid(job, info.lines, `Unknown list: ${unknown.join(', ').slice(0, 200)}.`);
        continue;
      }
      if (seen.has(check.row.email)) {
        job.duplicates += 1;
        continue;
      }
      seen.add(check.row.email);
      batch.push({ ...check.row, listIds: check.row.listSlugs.map((slug) => listsBySlug.get(slug)!) });
      if (batch.length >= BATCH) {
        await flush(job, options, batch);
        await progress.save();
        batch = [];
      }
    }
    if (batch.length) await flush(job, options, batch);
    job.bytesRead = job.fileBytes;
  }

  return {
    /**
     * Checks the header and the options, then imports in the background. Problems with the file
     * as a whole answer at once; problems with single rows are reported in the job.
     */
    async start(options: ImportOptions): Promise<ImportJob> {
      let columns: Columns;
      let fileBytes: number;
      try {
        await getService(strapi, 'lists').assertExist(options.lists);
        ({ columns, fileBytes } = await readHeader(options.filePath, options.mapping));
      } catch (error) {
        await rm(options.filePath, { force: true });
        throw error;
      }

      const job: ImportJob = {
        id: randomUUID(),
        status: 'running',
        fileBytes,
        bytesRead: 0,
        rows: 0,
        inserted: 0,
        existing: 0,
        duplicates: 0,
        suppressed: 0,
        invalid: 0,
        invalidLines: [],
        error: null,
        startedAt: new Date().toISOString(),
        finishedAt: null,
      };
      try {
        await store.create(job);
      } catch (error) {
        await rm(options.filePath, { force: true });
        throw error;
      }
      const progress = progressSaver(job);
      const heartbeat = setInterval(() => void progress.save(), HEARTBEAT_MS);
      heartbeat.unref();
      run(job, options, columns, progress)
        .then(() => {
          job.status = 'done';
        })
        .catch((error: Error) => {
          job.status = 'failed';
          job.error = error.message;
          strapi.log.error(`[email-campaigns] import ${job.id} failed: ${error.message}`);
        })
        .finally(() => {
          clearInterval(heartbeat);
          job.finishedAt = new Date().toISOString();
          void progress.save();
          void rm(options.filePath, { force: true });
        });
      return { ...job };
    },

    async get(id: string): Promise<ImportJob> {
      const job = await store.find(id);
      if (!job) throw new errors.NotFoundError('No such import (imports are kept for an hour after they end).');
      return job;
    },
  };
};

/** The header line and the file size, read before the import starts. */
async function readHeader(filePath: string, mapping?: ImportMapping): Promise<{ columns: Columns; fileBytes: number }> {
  const handle = await open(filePath, 'r');
  try {
    const { size } = await handle.stat();
    const { buffer, bytesRead } = await handle.read(
      Buffer.alloc(Math.min(HEADER_BYTES, size)),
      0,
      Math.min(HEADER_BYTES, size),
      0,
    );
    let header: string[] | undefined;
    try {
      [header] = parseSync(buffer.subarray(0, bytesRead), { bom: true, to_line: 1, relax_column_count: true });
    } catch {
      header = undefined;
    }
    if (!header) throw new errors.ValidationError('The file has no readable header line.');
    try {
      return { columns: resolveColumns(header, mapping), fileBytes: size };
    } catch (error) {
      throw new errors.ValidationError((error as Error).message);
    }
  } finally {
    await handle.close();
  }
}
