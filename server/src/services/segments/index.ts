/**
 * Segments: saved rules, their live counts, and their rules for a campaign's audience. The rules
 * are checked on every write (rules.ts) and compiled with bound values (compile.ts).
 * See docs/architecture.md, "Segments".
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { TABLES, UID } from '../../constants';
import { dialect, knex } from '../../database/connection';
import { readJson } from '../../database/json';
import type { Segment, SegmentGroup, SegmentInput } from '../../contracts/segments';
import { compileRules, type SqlFragment } from './compile';
import { SegmentRuleError, validateRules } from './rules';

const FIELDS = ['id', 'documentId', 'name', 'description', 'rules', 'createdAt', 'updatedAt'];
// A campaign in these statuses still materializes its audience: its segments must stay.
const LIVE_CAMPAIGNS = ['scheduled', 'testing', 'sending', 'paused'];

/** Rules checked against the whitelist; a refusal is a 400 naming the condition. */
export function checkedRules(rules: unknown): SegmentGroup {
  try {
    return validateRules(rules);
  } catch (error) {
    if (error instanceof SegmentRuleError) throw new errors.ValidationError(error.message, { where: error.where });
    throw error;
  }
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(UID.segment);
  const db = () => knex(strapi);

  const toSegment = (row: Segment): Segment => ({
    ...row,
    description: row.description ?? null,
    rules: readJson(row.rules) as SegmentGroup,
  });

  async function find(id: number): Promise<Segment> {
    const row = await query().findOne({ where: { id }, select: FIELDS });
    if (!row) throw new errors.NotFoundError(`Segment ${id} not found`);
    return toSegment(row);
  }

  return {
    async findAll(): Promise<Segment[]> {
      return (await query().findMany({ select: FIELDS, orderBy: [{ name: 'asc' }, { id: 'asc' }] })).map(toSegment);
    },

    findOne: find,

    async create(input: SegmentInput): Promise<Segment> {
      const rules = checkedRules(input.rules);
      const created = await strapi.documents(UID.segment).create({
        data: { name: input.name, description: input.description ?? null, rules },
      });
      return find(Number(created.id));
    },

    async update(id: number, input: Partial<SegmentInput>): Promise<Segment> {
      await find(id);
      const data: Record<string, unknown> = {};
      if (input.name !== undefined) data.name = input.name;
      if (input.description !== undefined) data.description = input.description;
      if (input.rules !== undefined) data.rules = checkedRules(input.rules);
      await query().update({ where: { id }, data });
      return find(id);
    },

    /** Refused while a scheduled, sending or paused campaign still takes its audience from it. */
    async delete(id: number): Promise<Segment> {
      const segment = await find(id);
      const users: string[] = await db()(`${TABLES.campaignSegments} as cs`)
        .join(`${TABLES.campaigns} as c`, 'c.id', 'cs.campaign_id')
        .where('cs.segment_id', id)
        .whereIn('c.status', LIVE_CAMPAIGNS)
        .pluck('c.name');
      if (users.length)
        throw new errors.ValidationError(
          `The segment is the audience of ${users.map((name) => `"${name}"`).join(', ')}; cancel or finish them first.`,
        );
      await strapi.documents(UID.segment).delete({ documentId: segment.documentId });
      return segment;
    },

    /** The condition of rules over the subscribers table as `alias`, for this database. */
    where(rules: SegmentGroup, alias = 's'): SqlFragment {
      return compileRules(dialect(strapi), rules, alias);
    },

    /** People (any status) matching the rules. */
    async count(rules: SegmentGroup): Promise<number> {
      const { sql, bindings } = this.where(rules);
      const row = await db()(`${TABLES.subscribers} as s`)
        .whereRaw(sql, bindings as never[])
        .count({ n: '*' })
        .first();
      return Number(row?.n ?? 0);
    },

    /** The rules of the given segments, in id order; unknown ids are left out. */
    async rulesOf(ids: number[]): Promise<SegmentGroup[]> {
      if (ids.length === 0) return [];
      const rows: Array<{ rules: unknown }> = await db()(TABLES.segments)
        .whereIn('id', ids)
        .orderBy('id')
        .select('rules');
      return rows.map((row) => readJson(row.rules) as SegmentGroup);
    },

    /** The segment ids a campaign's audience takes. */
    async idsOfCampaign(campaignId: number): Promise<number[]> {
      const ids = await db()(TABLES.campaignSegments).where('campaign_id', campaignId).pluck('segment_id');
      return ids.map(Number);
    },
  };
};
