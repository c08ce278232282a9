import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { knex } from '../../database/connection';
import type { CastPageQuery, Page } from '../../database/page';
import { getService } from '../../utils/plugin';
import { checkName, normalizeEmail } from './email-address';
import { TABLES, UID } from '../../constants';
import { duplicateAsValidationError } from '../../database/unique-violation';
import { link, listIdsOf, parseIdList, unlink } from './memberships';
import type { SubscriberEvent } from './subscriber-events';
import type { RenderedConfirmation } from './confirmations';
import type {
  AdminSubscriberStatus,
  ListRef,
  Subscriber,
  SubscriberDetail,
  SubscriberInput,
  SubscriberStatus,
  SubscriberQuery as SubscriberQueryInput,
} from '../../contracts';

export const ADMIN_STATUSES = [
  'subscribed',
  'unsubscribed',
  'bounced',
  'complained',
] as const satisfies readonly AdminSubscriberStatus[];

/** The admin's search, once validated. */
export type SubscriberQuery = CastPageQuery<SubscriberQueryInput>;

/** The FIELDS as the query engine reads them (datetimes as ISO strings), `lists` populated. */
type SubscriberRecord = Omit<Subscriber, 'pendingLists' | 'lists' | 'trackingOptOut'> & {
  pendingLists: unknown;
  /** Null on rows from before the column. */
  trackingOptOut?: boolean | null;
  lists?: ListRef[];
};

const FIELDS = [
  'id',
  'email',
  'name',
  'status',
  'source',
  'locale',
  'attributes',
  'pendingLists',
  'consentAt',
  'consentIp',
  'consentUserAgent',
  'consentText',
  'confirmedAt',
  'unsubscribedAt',
  'bounceCount',
  'lastBounceAt',
  'trackingOptOut',
  'createdAt',
  'updatedAt',
];
const POPULATE = { lists: { select: ['id', 'name', 'slug'] } };
const SUBSCRIBERS = TABLES.subscribers;
const ADDRESS_TAKEN = 'A subscriber with this address already exists.';

/**
 * People on the lists, for the admin (search, create, edit) and for the sender (confirmation
 * mails, bounce events, purge of requests nobody confirmed). Erasure and export: privacy.ts.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(UID.subscriber);
  const now = (): Date => getService(strapi, 'clock').now();
  const events = () => getService(strapi, 'subscriberEvents');

  async function canonicalEmail(raw: string, db: Knex | Knex.Transaction): Promise<string> {
    const check = normalizeEmail(raw);
    if (!check.ok) throw new errors.ValidationError(check.reason);
    if (await getService(strapi, 'suppressions').isSuppressed(check.email, db)) {
      throw new errors.ValidationError('This address was erased at its owner’s request and cannot be added again.');
    }
    return check.email;
  }

  function cleanName(raw: string | null | undefined): string | null | undefined {
    if (raw === undefined) return undefined;
    const check = checkName(raw);
    if (!check.ok) throw new errors.ValidationError(check.reason);
    return check.name;
  }

  return {
    async find(q: SubscriberQuery): Promise<Page<Subscriber>> {
      const where: Record<string, unknown> = {};
      if (q.status) where.status = q.status;
      if (q.list) where.lists = { id: q.list };
      if (q.search) where.$or = [{ email: { $containsi: q.search } }, { name: { $containsi: q.search } }];
      const { results, pagination } = await query().findPage({
        where,
        page: q.page,
        pageSize: q.pageSize,
        orderBy: { id: 'desc' },
        select: FIELDS,
        populate: POPULATE,
      });
      return { results: results.map(present), pagination };
    },

    async findOne(id: number): Promise<SubscriberDetail> {
      const subscriber = await query().findOne({ where: { id }, select: FIELDS, populate: POPULATE });
      if (!subscriber) throw new errors.NotFoundError('No such subscriber.');
      return { ...present(subscriber), events: await events().of(id, 100) };
    },

    async create(input: SubscriberInput & { email: string }, adminId?: number): Promise<SubscriberDetail> {
      const at = now();
      const status = input.status ?? 'subscribed';
      const lists = input.lists ?? [];
      await getService(strapi, 'lists').assertExist(lists);
      const name = cleanName(input.name) ?? null;
      const id = await duplicateAsValidationError(ADDRESS_TAKEN, () =>
        strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
          const email = await canonicalEmail(input.email, trx);
          const created = await query().create({
            data: {
              email,
              name,
              status,
              locale: input.locale ?? null,
              attributes: input.attributes ?? null,
              source: 'admin',
              consentAt: at,
              confirmedAt: status === 'subscribed' ? at : null,
              unsubscribedAt: status === 'unsubscribed' ? at : null,
            },
            select: ['id'],
          });
          if (status !== 'unsubscribed')
            await link(
              trx,
              lists.map((listId) => ({ subscriberId: created.id, listId })),
              { at, confirmed: false },
            );
          await events().append(
            [{ subscriberId: created.id, type: 'created', data: { by: adminId ?? null, status, lists }, at }],
            trx,
          );
          return created.id as number;
        }),
      );
      return this.findOne(id);
    },

    async update(id: number, input: SubscriberInput, adminId?: number): Promise<SubscriberDetail> {
      if (input.lists) await getService(strapi, 'lists').assertExist(input.lists);
      const name = cleanName(input.name);
      await duplicateAsValidationError(ADDRESS_TAKEN, () =>
        strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
          const row: { id: number; email: string; status: SubscriberStatus } | undefined = await trx(SUBSCRIBERS)
            .where('id', id)
            .forUpdate()
            .first('id', 'email', 'status');
          if (!row) throw new errors.NotFoundError('No such subscriber.');
          const at = now();
          const data: Record<string, unknown> = {};
          if (input.email !== undefined && input.email !== row.email)
            data.email = await canonicalEmail(input.email, trx);
          if (name !== undefined) data.name = name;
          if (input.attributes !== undefined) data.attributes = input.attributes;
          if (input.locale !== undefined) data.locale = input.locale;
          const status = input.status ?? row.status;
          if (status !== row.status) {
            data.status = status;
            if (status === 'subscribed') Object.assign(data, { unsubscribedAt: null, confirmedAt: at });
            if (status === 'unsubscribed') Object.assign(data, { unsubscribedAt: at, pendingLists: null });
          }
          const changed = Object.keys(data);
          // The query engine adds updatedAt to `data`: the field names are taken before.
          if (changed.length) await query().update({ where: { id }, data, select: ['id'] });

          const before = (await listIdsOf(trx, [id])).get(id) ?? [];
          // Unsubscribed people are on no list, whatever else the edit says.
          const after = status === 'unsubscribed' ? [] : (input.lists ?? before);
          const added = after.filter((listId) => !before.includes(listId));
          const removed = before.filter((listId) => !after.includes(listId));
          await unlink(trx, id, removed);
          await link(
            trx,
            added.map((listId) => ({ subscriberId: id, listId })),
            { at, confirmed: false },
          );

          if (changed.length || added.length || removed.length) {
            const type = status === 'unsubscribed' && row.status !== 'unsubscribed' ? 'unsubscribed' : 'updated';
            const details = type === 'unsubscribed' ? { method: 'admin' } : {};
            await events().append(
              [
                {
                  subscriberId: id,
                  type,
                  data: { ...details, by: adminId ?? null, fields: changed, added, removed },
                  at,
                },
              ],
              trx,
            );
          }
        }),
      );
      return this.findOne(id);
    },

    /** Sender contract: the content of a confirmation delivery, or null to skip it. */
    renderConfirmation(delivery: {
      id: number;
      subscriberId: number | null;
      email: string;
      payload: unknown;
    }): Promise<RenderedConfirmation | null> {
      return getService(strapi, 'confirmations').render(delivery);
    },

    /** Sender contract: appends events (bounces...) of people who still exist. */
    async recordEvents(list: SubscriberEvent[]): Promise<void> {
      const ids = [...new Set(list.map((event) => event.subscriberId))];
      if (ids.length === 0) return;
      const existing = new Set((await knex(strapi)(SUBSCRIBERS).whereIn('id', ids).pluck('id')).map(Number));
      await events().append(list.filter((event) => existing.has(event.subscriberId)));
    },

    /** Sender contract, at most hourly: the purge of requests nobody confirmed (see privacy.ts). */
    purgePending(at: Date): Promise<number> {
      return getService(strapi, 'privacy').purgePending(at);
    },
  };
};

/** The admin's view of a row: list memberships flattened, pending list ids parsed. */
function present(subscriber: SubscriberRecord): Subscriber {
  const { pendingLists, lists, trackingOptOut, ...rest } = subscriber;
  return {
    ...rest,
    trackingOptOut: Boolean(trackingOptOut),
    lists: (lists ?? []).map((list) => ({ id: list.id, name: list.name, slug: list.slug })),
    pendingLists: parseIdList(pendingLists),
  };
}
