import type { Core } from '@strapi/strapi';
import { UID } from '../../constants';
import { readJson } from '../../database/json';
import type { ImportJob } from '../../contracts';

/** A running job saves at least this often, so a job silent for longer lost its process. */
export const HEARTBEAT_MS = 10_000;
const STALE_MS = 6 * HEARTBEAT_MS;
const KEEP_FINISHED_MS = 3_600_000;
const STOPPED =
  'The import stopped: the Strapi process running it ended. ' +
  'The rows written until then are kept; importing the same file again adds the rest.';

/**
 * Where import jobs live while they run and for an hour after: in the database, so that the
 * admin's progress polls can reach any instance, not only the one reading the file.
 */
export function importJobStore(strapi: Core.Strapi) {
  const query = () => strapi.db.query(UID.importJob);

  return {
    async create(job: ImportJob): Promise<void> {
      await query().deleteMany({ where: { finishedAt: { $lt: new Date(Date.now() - KEEP_FINISHED_MS) } } });
      await query().create({
        data: { jobId: job.id, status: job.status, progress: job, finishedAt: null, updatedAt: new Date() },
      });
    },

    async save(job: ImportJob): Promise<void> {
      await query().update({
        where: { jobId: job.id },
        data: { status: job.status, progress: job, finishedAt: job.finishedAt, updatedAt: new Date() },
      });
    },

    async find(id: string): Promise<ImportJob | null> {
      const row = await query().findOne({ where: { jobId: id }, select: ['status', 'progress', 'updatedAt'] });
      if (!row) return null;
      const job = readJson(row.progress) as ImportJob | null;
      // Unreadable progress is answered like a missing job, not with a server error.
      if (!job) return null;
      const silentFor = Date.now() - new Date(row.updatedAt).getTime();
      if (job.status === 'running' && silentFor > STALE_MS)
        return { ...job, status: 'failed', error: STOPPED, finishedAt: new Date(row.updatedAt).toISOString() };
      return job;
    },
  };
}
