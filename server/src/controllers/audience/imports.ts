import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { copyFile, rename, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ImportJobResponse } from '../../contracts';
import { getService } from '../../utils/plugin';
import { adminUserId, requestBody } from '../request';
import { validateExportQuery, validateImportFields } from './admin-input';

/** CSV import (upload, then poll the job) and CSV export (streamed). */
export default ({ strapi }: { strapi: Core.Strapi }) =>
  ({
    async start(ctx) {
      const file = ctx.request.files?.file;
      if (!file || Array.isArray(file)) throw new errors.ValidationError('Upload one CSV file in the "file" field.');
      // Strapi deletes uploads when the request ends; the import outlives it, so it takes the file over.
      const owned = path.join(tmpdir(), `email-campaigns-import-${randomUUID()}.csv`);
      await takeOver(file.filepath, owned);
      let fields;
      try {
        // The fields sent with the file: koa-body parses a multipart body into an object.
        fields = await validateImportFields((requestBody(ctx) ?? {}) as Record<string, unknown>);
      } catch (error) {
        await rm(owned, { force: true });
        throw error;
      }
      const job = await getService(strapi, 'imports').start({
        ...fields,
        filePath: owned,
        adminId: adminUserId(ctx) ?? null,
      });
      ctx.status = 202;
      ctx.body = { data: job } satisfies ImportJobResponse;
    },

    async progress(ctx) {
      const id = String(ctx.params.id ?? '');
      if (!/^[0-9a-f-]{36}$/.test(id)) throw new errors.NotFoundError('No such import.');
      ctx.body = { data: await getService(strapi, 'imports').get(id) } satisfies ImportJobResponse;
    },

    async exportCsv(ctx) {
      const filter = await validateExportQuery(ctx.query);
      // Looked up before the first byte: an unknown segment is a 404, not a broken download.
      const segments = getService(strapi, 'segments');
      const where = filter.segment ? segments.where((await segments.findOne(filter.segment)).rules) : undefined;
      const day = (getService(strapi, 'clock').now() as Date).toISOString().slice(0, 10);
      ctx.set('Content-Disposition', `attachment; filename="subscribers-${day}.csv"`);
      ctx.type = 'text/csv; charset=utf-8';
      ctx.body = getService(strapi, 'subscriberExport').stream(filter, where);
    },
  }) satisfies Core.Controller;

async function takeOver(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    // Another file system (the upload dir on its own mount): copy, then delete.
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFile(from, to);
    await rm(from, { force: true });
  }
}
