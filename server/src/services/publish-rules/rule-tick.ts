/**
 * The tick's work for publish rules (service `publishTick`), before promote: reconcile publishes
 * the hook missed, make a campaign per due `each` record, and assemble due digests. Every step is
 * safe to repeat and to run on several instances at once: records change state only by
 * compare-and-set from `pending`, and a campaign carries a unique `origin`, so a tick that died
 * after creating one finds it instead of making a second. See docs/architecture.md, "Publish rules".
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UID } from '../../constants';
import { isUniqueViolation } from '../../database/unique-violation';
import { toDate } from '../../database/connection';
import { getService } from '../../utils/plugin';
import { nextDigestAt } from './digest-schedule';
import publishRecords from './records';
import { loadEntries, type RecordRow } from './rule-entries';
import type { Rule } from './rule-row';
import { templateContent } from './template-source';
import type { TemplateEntry } from '../content';

/** Reconciling scans the type's published rows: once a minute is enough to catch a crash's misses. */
const RECONCILE_EVERY_MS = 60_000;
const EACH_BATCH = 50;
/** Periods a long-stopped site catches up on in one tick. */
const DIGESTS_PER_TICK = 5;
const DROPPED = 'Unpublished or deleted before its campaign was made';
const FOR_REVIEW = 'A draft waiting for an editor to send it';

interface PendingRecord extends RecordRow {
  title: string | null;
  recordedAt: Date | string;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const recordsTable = () => strapi.db.query(UID.publishRecord);
  const campaigns = () => getService(strapi, 'campaigns');
  const records = publishRecords(strapi);
  let lastReconcile = -Infinity;

  /** Moves records on from `pending` only: whoever got there first (another instance) keeps its write. */
  async function settle(ids: number[], data: { state: string; campaignId?: number | null; note?: string | null }) {
    if (ids.length === 0) return;
    await recordsTable().updateMany({ where: { id: { $in: ids }, state: 'pending' }, data });
  }

  /** The campaign of an origin, created once whatever the crashes and instances. */
  async function campaignFor(
    origin: string,
    make: () => Promise<{ id: number }>,
  ): Promise<{ id: number; status: string }> {
    const existing = () => strapi.db.query(UID.campaign).findOne({ where: { origin }, select: ['id', 'status'] });
    const found = await existing();
    if (found) return found;
    try {
      await make();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    return existing();
  }

  /**
   * A campaign from the rule's template with these entries; scheduled now unless it is for
   * review. A campaign the checks refuse stays a draft, and the answer says why.
   */
  async function makeCampaign(rule: Rule, origin: string, name: string, entries: TemplateEntry[], review: boolean) {
    const content = await templateContent(strapi, rule.template);
    const campaign = await campaignFor(origin, async () => {
      const input = { ...content, name: name.slice(0, 200), entries, lists: rule.lists, provider: rule.provider };
      const { campaign: created } = await campaigns().create(input, origin);
      return created;
    });
    if (review || campaign.status !== 'draft') return { campaignId: campaign.id, note: review ? FOR_REVIEW : null };
    try {
      const timezone = rule.digest?.timezone ?? 'UTC';
      await campaigns().schedule(campaign.id, { scheduledAt: getService(strapi, 'clock').now(), timezone });
      return { campaignId: campaign.id, note: null };
    } catch (error) {
      if (!(error instanceof errors.ApplicationError)) throw error;
      return { campaignId: campaign.id, note: `The campaign stays a draft: ${error.message}` };
    }
  }

  /** Settles records into their campaign, or holds them with the reason when it could not be made. */
  async function publishInto(rule: Rule, ids: number[], make: () => ReturnType<typeof makeCampaign>) {
    try {
      const { campaignId, note } = await make();
      await settle(ids, { state: note ? 'held' : 'sent', campaignId, note });
    } catch (error) {
      if (!(error instanceof errors.ApplicationError)) throw error;
      await settle(ids, { state: 'held', campaignId: null, note: `No campaign could be made: ${error.message}` });
      strapi.log.warn(`[email-campaigns] publish rule ${rule.id}: ${error.message}`);
    }
  }

  const pendingOf = (ruleId: number, recordedBefore: Date, limit?: number): Promise<PendingRecord[]> =>
    recordsTable().findMany({
      where: { ruleId, state: 'pending', recordedAt: { $lte: recordedBefore } },
      select: ['id', 'entryDocumentId', 'entryLocale', 'title', 'recordedAt'],
      orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }],
      ...(limit ? { limit } : {}),
    });

  /** `each`: one campaign per record whose time has come, from the entry as it is now. */
  async function each(rule: Rule, now: Date) {
    const delayMs = rule.eachAction === 'delay' ? (rule.delayMinutes ?? 0) * 60_000 : 0;
    const due = await pendingOf(rule.id, new Date(now.getTime() - delayMs), EACH_BATCH);
    for (const record of due) {
      const { entries, missing } = await loadEntries(strapi, rule.contentType, [record]);
      if (missing.length) {
        await settle([record.id], { state: 'dropped', note: DROPPED });
        continue;
      }
      const title = record.title ?? record.entryDocumentId;
      await publishInto(rule, [record.id], () =>
        makeCampaign(
          rule,
          // Keyed by the entry, not the record: even a record lost and made again finds the campaign.
          `rule:${rule.id}:entry:${record.entryDocumentId}:${record.entryLocale}`,
          `${rule.name}: ${title}`,
          entries,
          rule.eachAction === 'draft',
        ),
      );
    }
  }

  /**
   * `digest`: when due, every pending record from before the due time, in the order recorded,
   * goes into one campaign; then the rule moves to its next due time by compare-and-set. A tick
   * that dies in between finds the records settled, or the campaign by its origin.
   */
  async function digest(rule: Rule, now: Date) {
    let due = rule.nextDigestAt;
    // An issue is assembled once: whatever a crash kept from the hook goes in first.
    if (rule.digest && due && due.getTime() <= now.getTime()) await records.reconcile(rule, now);
    for (let issue = 0; rule.digest && due && due.getTime() <= now.getTime() && issue < DIGESTS_PER_TICK; issue++) {
      const pending = (await pendingOf(rule.id, new Date(due.getTime() - 1))).map((r) => ({ ...r, id: Number(r.id) }));
      const { entries, present, missing } = await loadEntries(strapi, rule.contentType, pending);
      await settle(
        missing.map((r) => r.id),
        { state: 'dropped', note: DROPPED },
      );
      const origin = `rule:${rule.id}:digest:${due.toISOString()}`;
      const name = `${rule.name}: ${due.toISOString().slice(0, 10)}`;
      if (present.length) {
        await publishInto(
          rule,
          present.map((r) => r.id),
          () => makeCampaign(rule, origin, name, entries, false),
        );
      }
      const next = nextDigestAt(rule.digest, due);
      await strapi.db
        .query(UID.publishRule)
        .updateMany({ where: { id: rule.id, nextDigestAt: due }, data: { nextDigestAt: next } });
      due = next;
    }
  }

  return {
    /** Never throws: a failing rule must not hold up the campaigns behind it in the tick. */
    async run(now: Date): Promise<void> {
      const rules = await getService(strapi, 'publishRules')
        .active()
        .catch((error: Error) => {
          strapi.log.error(`[email-campaigns] publish rules could not be read: ${error.message}`);
          return [];
        });
      if (rules.length === 0) return;
      const reconcile = Math.abs(Date.now() - lastReconcile) >= RECONCILE_EVERY_MS;
      if (reconcile) lastReconcile = Date.now();
      for (const rule of rules) {
        try {
          if (reconcile) await records.reconcile(rule, now);
          if (rule.mode === 'each') await each(rule, now);
          else await digest({ ...rule, nextDigestAt: await currentDue(rule) }, now);
        } catch (error) {
          strapi.log.error(`[email-campaigns] publish rule ${rule.id} failed this tick: ${(error as Error).message}`);
        }
      }
    },

    /** Forgets when it last reconciled: the next run reconciles (tests, and a boot). */
    reconcileSoon() {
      lastReconcile = -Infinity;
    },
  };

  /** The cached rule may be a period behind another instance: its due time is read fresh. */
  async function currentDue(rule: Rule): Promise<Date | null> {
    const row = await strapi.db.query(UID.publishRule).findOne({ where: { id: rule.id }, select: ['nextDigestAt'] });
    return toDate(row?.nextDigestAt);
  }
};
