/**
 * The hit buffer (docs/architecture.md, "Engagement", "Buffered writes"): tracking hits wait in
 * this instance's memory and reach `delivery-event` in one multi-row INSERT per batch, at most
 * `tracking.flushIntervalMs` after the first of them, at once when `tracking.flushBatchSize` are
 * waiting, and on Strapi's destroy. The hit routes only call `add`: no answer waits for a write.
 *
 * A failed INSERT is logged (its error's own words, never the rows) and its rows are tried once
 * more by the next flush, then dropped; the queue never holds more than `maxQueued` hits (new ones
 * are dropped and counted beyond it). The INSERT ignores an (source, externalId) already stored,
 * so a retry of a write that did commit adds nothing.
 *
 * The burst rule marks hits as a machine's after the fact (`markMachine`): a hit still waiting is
 * changed in memory; for hits already written (or being written) the next flush issues one
 * UPDATE after its INSERTs.
 */
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { TABLES } from '../../constants';
import { dialect, knex } from '../../database/connection';
import { pluginConfig } from '../../utils/plugin';
import { insertIgnoring } from '../feedback/event-store';
import type { TrackingKind } from './tokens';

/** One hit as the route classified it; `deliveryId` and `subscriberId` only in `people` mode. */
export interface Hit {
  kind: TrackingKind;
  campaignId: number;
  linkId: number | null;
  deliveryId: number | null;
  subscriberId: number | null;
  machine: boolean;
  occurredAt: Date;
}

interface QueuedHit extends Hit {
  externalId: string;
  /** Set once a write of it failed: the next failure drops it. */
  retried: boolean;
}

export const SOURCE = 'tracking';
// Far below every driver's bind limit (11 columns per row).
const MAX_ROWS_PER_STATEMENT = 2000;
const MAX_MACHINE_UPDATES = 10_000;

/** The driver's words after knex's copy of the statement: no values of the rows in the log. */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown })?.code;
  return `${typeof code === 'string' ? `${code}: ` : ''}${message.split(' - ').pop()?.slice(0, 200)}`;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // Unique per hit across instances and restarts: a random instance id and a counter.
  const instance = randomBytes(9).toString('base64url');
  let counter = 0;
  let queue: QueuedHit[] = [];
  const waiting = new Map<string, QueuedHit>();
  let machineLater = new Set<string>();
  let machineRetried = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> | null = null;
  let dropped = 0;

  const settings = () => pluginConfig(strapi).tracking;
  const maxQueued = () => Math.max(20 * settings().flushBatchSize, 10_000);

  function schedule() {
    if (timer || queue.length === 0) return;
    timer = setTimeout(() => {
      timer = null;
      void flush();
    }, settings().flushIntervalMs);
    timer.unref?.();
  }

  async function insert(rows: QueuedHit[]) {
    const at = new Date();
    await insertIgnoring(
      knex(strapi),
      dialect(strapi),
      rows.map((hit) => ({
        kind: hit.kind,
        source: SOURCE,
        external_id: hit.externalId,
        campaign_id: hit.campaignId,
        link_id: hit.linkId,
        delivery_id: hit.deliveryId,
        subscriber_id: hit.subscriberId,
        machine: hit.machine,
        occurred_at: hit.occurredAt,
        created_at: at,
        updated_at: at,
      })),
    );
  }

  /**
   * Writes the waiting hits, one INSERT per `flushBatchSize`: every one, or (`fullOnly`, when a
   * batch filled up) whole batches only, the rest keeping its interval. False at the first failure.
   */
  async function writeWaiting(fullOnly: boolean): Promise<boolean> {
    for (;;) {
      const size = Math.min(settings().flushBatchSize, MAX_ROWS_PER_STATEMENT);
      if (queue.length === 0 || (fullOnly && queue.length < size)) return true;
      const batch = queue.slice(0, size);
      queue = queue.slice(size);
      // From here on a burst amends these rows with an UPDATE.
      for (const hit of batch) waiting.delete(hit.externalId);
      try {
        await insert(batch);
      } catch (error) {
        const again = batch.filter((hit) => !hit.retried);
        dropped += batch.length - again.length;
        strapi.log.error(
          `[email-campaigns] writing ${batch.length} tracking hits failed (${again.length} will be tried again): ${reason(error)}`,
        );
        for (const hit of again) {
          hit.retried = true;
          waiting.set(hit.externalId, hit);
        }
        queue = [...again, ...queue];
        for (const hit of again) if (machineLater.delete(hit.externalId)) hit.machine = true;
        return false;
      }
    }
  }

  /** One UPDATE for hits found to be a machine's after they left the queue; tried twice at most. */
  async function updateMachine() {
    if (machineLater.size === 0) return;
    const ids = [...machineLater];
    machineLater = new Set();
    try {
      await knex(strapi)(TABLES.deliveryEvents)
        .where('source', SOURCE)
        .whereIn('external_id', ids)
        .update({ machine: true, updated_at: new Date() });
      for (const id of ids) machineRetried.delete(id);
    } catch (error) {
      const again = ids.filter((id) => !machineRetried.has(id));
      strapi.log.error(`[email-campaigns] marking ${ids.length} tracking hits as machine failed: ${reason(error)}`);
      machineRetried = new Set(again);
      for (const id of again) machineLater.add(id);
    }
  }

  /** Writes what waits: everything, or (`fullOnly`) the whole batches; one flush at a time. */
  function flush(fullOnly = false): Promise<void> {
    if (flushing) {
      return flushing.then(() => (!fullOnly && (queue.length || machineLater.size) ? flush() : undefined));
    }
    if (!fullOnly && timer) {
      clearTimeout(timer);
      timer = null;
    }
    flushing = (async () => {
      let written = false;
      try {
        written = await writeWaiting(fullOnly);
        await updateMachine();
      } finally {
        flushing = null;
        // A batch that filled up meanwhile goes now; after a failure the retry waits an interval.
        if (written && queue.length >= settings().flushBatchSize) void flush(true);
        else schedule();
      }
    })();
    return flushing;
  }

  return {
    /** Queues a hit; answers its externalId, or null when the buffer is full and the hit is dropped. */
    add(hit: Hit): string | null {
      if (queue.length >= maxQueued()) {
        dropped += 1;
        return null;
      }
      counter += 1;
      const queued: QueuedHit = { ...hit, externalId: `${instance}-${counter.toString(36)}`, retried: false };
      queue.push(queued);
      waiting.set(queued.externalId, queued);
      if (queue.length >= settings().flushBatchSize && !flushing) void flush(true);
      else schedule();
      return queued.externalId;
    },

    /** The burst rule's verdict on hits already added (docs/architecture.md, "Engagement"). */
    markMachine(externalIds: string[]) {
      for (const id of externalIds) {
        const hit = waiting.get(id);
        if (hit) hit.machine = true;
        else if (machineLater.size < MAX_MACHINE_UPDATES) machineLater.add(id);
      }
    },

    /** Writes everything waiting now (the interval's flush, and tests). */
    flush: () => flush(),

    /** Hits waiting, and hits lost (a full buffer, or two failed writes) since the start. */
    stats: () => ({ waiting: queue.length, dropped }),

    /** On Strapi's destroy: no timer left, everything written that can be. */
    async destroy() {
      if (timer) clearTimeout(timer);
      timer = null;
      await flush();
      // What failed once gets its second try now rather than never.
      if (queue.length > 0 || machineLater.size > 0) await flush();
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
};
