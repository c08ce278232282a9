/**
 * Publish rules (service `publishRules`): the rules themselves, and the hook that sees a publish.
 * Strapi emits `entry.publish` after the commit, once per published locale, on every path that
 * publishes (the publish action, and create or update with `status: 'published'`); the hook only
 * records a row per matching rule and kicks the sender, which makes the campaigns (rule-tick.ts).
 * See docs/architecture.md, "Publish rules".
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UID } from '../../constants';
import type { DigestPreview, PublishRecord, PublishRuleHistory, PublishRuleInput } from '../../contracts';
import { toDate } from '../../database/connection';
import { getService } from '../../utils/plugin';
import { matchesConditions } from './conditions';
import { nextDigestAt } from './digest-schedule';
import publishRecords, { entryTitle } from './records';
import { checkRule } from './rule-checks';
import { readRule, ruleAnswer, type Rule, type RuleRow } from './rule-row';
import { loadEntries } from './rule-entries';
import { templateContent } from './template-source';

/** Other instances' rule changes arrive within this long. */
const CACHE_MS = 30_000;
const HISTORY_LIMIT = 200;

export interface PublishedEvent {
  uid?: string;
  entry?: Record<string, unknown> & { documentId?: string; locale?: string | null };
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rules = () => strapi.db.query(UID.publishRule);
  const now = (): Date => getService(strapi, 'clock').now();
  const records = publishRecords(strapi);
  let byType = new Map<string, Rule[]>();
  let loadedAt = -Infinity;
  let loading: Promise<void> | null = null;

  async function load() {
    const active = ((await rules().findMany({ where: { paused: false } })) as RuleRow[]).map(readRule);
    const next = new Map<string, Rule[]>();
    for (const rule of active) next.set(rule.contentType, [...(next.get(rule.contentType) ?? []), rule]);
    byType = next;
    loadedAt = Date.now();
  }

  /** The active rules by content type, re-read at most every CACHE_MS (at once after a change here). */
  async function activeRules(): Promise<Map<string, Rule[]>> {
    if (Date.now() - loadedAt > CACHE_MS) {
      loading ??= load().finally(() => (loading = null));
      await loading;
    }
    return byType;
  }

  const invalidate = () => (loadedAt = -Infinity);

  async function findRule(id: number): Promise<Rule> {
    const row = (await rules().findOne({ where: { id } })) as RuleRow | null;
    if (!row) throw new errors.NotFoundError(`Publish rule ${id} not found`);
    return readRule(row);
  }

  function scheduleFields(input: PublishRuleInput, from: Date) {
    return input.mode === 'digest' && input.digest
      ? { nextDigestAt: nextDigestAt(input.digest, from) }
      : { nextDigestAt: null };
  }

  function stored(input: PublishRuleInput) {
    return {
      name: input.name,
      contentType: input.contentType,
      conditions: input.conditions ?? [],
      template: input.template,
      lists: [...new Set(input.lists)],
      provider: input.provider ?? null,
      mode: input.mode,
      eachAction: input.mode === 'each' ? (input.eachAction ?? 'send') : null,
      delayMinutes: input.eachAction === 'delay' ? (input.delayMinutes ?? null) : null,
      digest: input.mode === 'digest' ? (input.digest ?? null) : null,
      locales: input.locales ?? [],
    };
  }

  /**
   * From now on the rule counts publishes: entries published at this moment are recorded
   * `preexisting` and never sent. Runs with the rule still paused, so a crash in between leaves
   * a paused rule, never one that would send old entries.
   */
  async function activate(id: number, contentType: string) {
    const at = now();
    await rules().update({ where: { id }, data: { activeSince: at } });
    await records.markPreexisting({ id, contentType }, at);
    const rule = await findRule(id);
    const digest = rule.mode === 'digest' && rule.digest ? { nextDigestAt: nextDigestAt(rule.digest, at) } : {};
    await rules().update({ where: { id }, data: { paused: false, ...digest } });
    invalidate();
  }

  return {
    /** Subscribes the hook; called once at bootstrap. */
    listen() {
      strapi.eventHub.on('entry.publish', (event: PublishedEvent) => this.onPublish(event));
    },

    /** Records the entry for every active rule it matches; never throws, so a publish never fails. */
    async onPublish({ uid, entry }: PublishedEvent): Promise<void> {
      try {
        if (!uid || !entry?.documentId) return;
        const matching = ((await activeRules()).get(uid) ?? []).filter(
          (rule) =>
            (!rule.locales.length || rule.locales.includes(entry.locale ?? '')) &&
            matchesConditions(rule.conditions, entry),
        );
        if (matching.length === 0) return;
        const titleField = ['title', 'name', 'subject'].find((field) => typeof entry[field] === 'string');
        const recorded = {
          documentId: entry.documentId,
          locale: entry.locale ?? '',
          title: entryTitle(titleField && entry[titleField]),
        };
        for (const rule of matching) await records.record(rule.id, [recorded], now());
        getService(strapi, 'sender').kick();
      } catch (error) {
        strapi.log.error(`[email-campaigns] a publish rule could not record a publish: ${(error as Error).message}`);
      }
    },

    /** The active rules, for the tick. */
    active: async (): Promise<Rule[]> => [...(await activeRules()).values()].flat(),
    invalidate,

    async list() {
      const rows = (await rules().findMany({ orderBy: [{ id: 'desc' }] })) as RuleRow[];
      return rows.map((row) => ruleAnswer(readRule(row)));
    },

    async findOne(id: number) {
      return ruleAnswer(await findRule(id));
    },

    async create(input: PublishRuleInput) {
      await checkRule(strapi, input);
      const at = now();
      const row = (await rules().create({
        data: { ...stored(input), ...scheduleFields(input, at), paused: true, activeSince: at },
      })) as RuleRow;
      await activate(row.id, input.contentType);
      return this.findOne(row.id);
    },

    async update(id: number, input: PublishRuleInput) {
      const current = await findRule(id);
      if (input.contentType !== current.contentType) {
        throw new errors.ValidationError('A rule keeps its content type: create another rule for another type');
      }
      await checkRule(strapi, input);
      const changed = (a: unknown, b: unknown) => JSON.stringify(a ?? null) !== JSON.stringify(b ?? null);
      const scheduleChanged = input.mode !== current.mode || changed(input.digest, current.digest);
      // Wider conditions must not reach back: what is published now and was never recorded stays unsent.
      if (changed(input.conditions ?? [], current.conditions) || changed(input.locales ?? [], current.locales)) {
        await records.markPreexisting({ id, contentType: current.contentType }, now());
      }
      await rules().update({
        where: { id },
        data: { ...stored(input), ...(scheduleChanged ? scheduleFields(input, now()) : {}) },
      });
      invalidate();
      return this.findOne(id);
    },

    async pause(id: number) {
      await findRule(id);
      await rules().update({ where: { id }, data: { paused: true } });
      invalidate();
      return this.findOne(id);
    },

    /** Entries published while the rule was paused are not sent: it starts again from now. */
    async resume(id: number) {
      const rule = await findRule(id);
      if (rule.paused) await activate(id, rule.contentType);
      return this.findOne(id);
    },

    async history(id: number): Promise<PublishRuleHistory> {
      await findRule(id);
      const rows = await strapi.db.query(UID.publishRecord).findMany({
        where: { ruleId: id, state: { $ne: 'preexisting' } },
        orderBy: [{ recordedAt: 'desc' }, { id: 'desc' }],
        limit: HISTORY_LIMIT,
      });
      const campaignIds = [
        ...new Set(rows.map((row: { campaignId: number | null }) => row.campaignId).filter(Boolean)),
      ];
      const campaigns = await strapi.db.query(UID.campaign).findMany({
        where: { $or: [{ origin: { $startsWith: `rule:${id}:` } }, { id: { $in: campaignIds } }] },
        select: ['id', 'name', 'status', 'createdAt'],
        orderBy: [{ id: 'desc' }],
        limit: HISTORY_LIMIT,
      });
      return {
        records: rows.map(
          (row: Record<string, unknown>): PublishRecord => ({
            id: Number(row.id),
            documentId: String(row.entryDocumentId),
            locale: (row.entryLocale as string) || null,
            title: (row.title as string) ?? null,
            recordedAt: (toDate(row.recordedAt) ?? new Date(0)).toISOString(),
            state: row.state as PublishRecord['state'],
            campaignId: (row.campaignId as number) ?? null,
            note: (row.note as string) ?? null,
          }),
        ),
        campaigns: campaigns.map((c: { id: number; name: string; status: string; createdAt: Date | string }) => ({
          ...c,
          createdAt: new Date(c.createdAt).toISOString(),
        })),
      };
    },

    /** The next digest as it would go out now, rendered for the stand-in recipient. */
    async preview(id: number): Promise<DigestPreview> {
      const rule = await findRule(id);
      if (rule.mode !== 'digest')
        throw new errors.ValidationError('Only a digest rule has a preview of its next issue');
      const pending = await strapi.db.query(UID.publishRecord).findMany({
        where: { ruleId: id, state: 'pending' },
        orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }],
      });
      const { entries } = await loadEntries(strapi, rule.contentType, pending);
      const content = await templateContent(strapi, rule.template);
      const sample = await getService(strapi, 'campaigns').preview({ ...content, name: rule.name, entries });
      return {
        entries: entries.length,
        subject: sample.message?.subject ?? content.subject ?? '',
        html: sample.message?.html ?? sample.html,
        dueAt: entries.length && rule.nextDigestAt ? rule.nextDigestAt.toISOString() : null,
      };
    },
  };
};
