import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { knex } from '../../database/connection';
import { TABLES, UID } from '../../constants';
import { duplicateAsValidationError } from '../../database/unique-violation';
import type { ListInput, MailingList, MailingListWithCount } from '../../contracts';

/** A list as the query engine reads it; a flag that is not `false` counts as set. */
interface ListRecord {
  id: number;
  name: string;
  slug: string;
  description?: string | null;
  doubleOptIn?: boolean | null;
  public?: boolean | null;
}

/** The same columns read with plain knex, which gives the flags as 0/1 on SQLite and MySQL. */
type ListColumns = Omit<ListRecord, 'doubleOptIn' | 'public'> & { doubleOptIn: unknown; public: unknown };

const FIELDS = ['id', 'name', 'slug', 'description', 'doubleOptIn', 'public'] as const;
const SLUG_TAKEN = 'Another list already uses this slug.';

/** Mailing lists: CRUD for the admin, lookups by slug for the public API. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(UID.list);

  const toRow = (list: ListRecord): MailingList => ({
    id: list.id,
    name: list.name,
    slug: list.slug,
    description: list.description ?? null,
    doubleOptIn: list.doubleOptIn !== false,
    public: list.public !== false,
  });

  return {
    /** Every list with its number of subscribed members. */
    async findAll(): Promise<MailingListWithCount[]> {
      const lists = await query().findMany({ select: [...FIELDS], orderBy: { name: 'asc' } });
      const counts: Array<{ list_id: unknown; n: unknown }> = await knex(strapi)(`${TABLES.subscriberLists} as l`)
        .join(`${TABLES.subscribers} as s`, 's.id', 'l.subscriber_id')
        .where('s.status', 'subscribed')
        .groupBy('l.list_id')
        .select('l.list_id')
        .count({ n: '*' });
      const byList = new Map(counts.map((row) => [Number(row.list_id), Number(row.n)]));
      return lists.map((list: ListRecord) => ({ ...toRow(list), subscribers: byList.get(list.id) ?? 0 }));
    },

    async findOne(id: number): Promise<MailingList> {
      const list = await query().findOne({ where: { id }, select: [...FIELDS] });
      if (!list) throw new errors.NotFoundError('No such list.');
      return toRow(list);
    },

    async findByIds(ids: number[]): Promise<MailingList[]> {
      if (ids.length === 0) return [];
      return (await query().findMany({ where: { id: { $in: ids } }, select: [...FIELDS] })).map(toRow);
    },

    /** Lists by slug, public or not (the content API: a site's own token); unknown slugs are left out. */
    async findBySlugs(slugs: string[]): Promise<MailingList[]> {
      if (slugs.length === 0) return [];
      return (await query().findMany({ where: { slug: { $in: slugs } }, select: [...FIELDS] })).map(toRow);
    },

    /**
     * Lists named in a public request; only public lists can be chosen this way. On every
     * subscribe, so plain knex.
     */
    async findPublicBySlugs(slugs: string[]): Promise<MailingList[]> {
      if (slugs.length === 0) return [];
      const rows: ListColumns[] = await knex(strapi)(TABLES.lists)
        .whereIn('slug', slugs)
        .where('public', true)
        .select('id', 'name', 'slug', 'description', 'double_opt_in as doubleOptIn', 'public');
      const lists = rows.map((row) =>
        toRow({ ...row, doubleOptIn: Boolean(row.doubleOptIn), public: Boolean(row.public) }),
      );
      const missing = slugs.filter((slug) => !lists.some((list) => list.slug === slug));
      if (missing.length) throw new errors.ValidationError(`Unknown list: ${missing.join(', ')}`);
      return lists;
    },

    async findPublic(): Promise<MailingList[]> {
      return (await query().findMany({ where: { public: true }, select: [...FIELDS], orderBy: { name: 'asc' } })).map(
        toRow,
      );
    },

    /** Throws unless every id names a list. */
    async assertExist(ids: number[]): Promise<void> {
      const found = await this.findByIds([...new Set(ids)]);
      const missing = [...new Set(ids)].filter((id) => !found.some((list) => list.id === id));
      if (missing.length) throw new errors.ValidationError(`Unknown list id: ${missing.join(', ')}`);
    },

    async create(input: ListInput & { name: string; slug: string }): Promise<MailingList> {
      return duplicateAsValidationError(SLUG_TAKEN, async () =>
        toRow(await query().create({ data: input, select: [...FIELDS] })),
      );
    },

    async update(id: number, input: ListInput): Promise<MailingList> {
      await this.findOne(id);
      return duplicateAsValidationError(SLUG_TAKEN, async () =>
        toRow(await query().update({ where: { id }, data: input, select: [...FIELDS] })),
      );
    },

    /** Deleting a list removes its memberships, never the people. */
    async delete(id: number): Promise<void> {
      await this.findOne(id);
      await query().delete({ where: { id } });
    },
  };
};
