import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { knex } from '../../database/connection';
import { getService } from '../../utils/plugin';
import { TABLES, UID } from '../../constants';
import { unsubscribePeople } from './leaving';
import { link, listIdsOf, parseIdList, unlink } from './memberships';
import type { ClientInfo, LinkOutcome } from './subscriptions';
import type { MailingList } from '../../contracts';
import type { SubscriberStatus } from './subscription-plan';
import { requestPreferencesLink } from './preferences-link';
import { newConfirmNonce } from '../tokens';

const SUBSCRIBERS = TABLES.subscribers;

/** A saved choice; `confirmationNeeded` when the lists wait for the person to confirm them by mail. */
export type SaveOutcome = LinkOutcome | (Extract<LinkOutcome, { ok: true }> & { confirmationNeeded: boolean });

/** The person behind a preferences token and the lists they may tick. */
export interface PreferencesView {
  subscriber: {
    id: number;
    email: string;
    status: SubscriberStatus;
    locale: string | null;
    /** Null on rows from before the column. */
    trackingOptOut: boolean | null;
  };
  choices: Array<Pick<MailingList, 'id' | 'slug' | 'name' | 'description'> & { subscribed: boolean }>;
}

/**
 * Leaving and choosing: the unsubscribe link (RFC 8058 one-click included) and the preferences
 * page. The token in the link is the authorisation; nothing here needs a login or a cookie.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const now = (): Date => getService(strapi, 'clock').now();
  const events = () => getService(strapi, 'subscriberEvents');
  const verify = (token: unknown, purpose: 'unsubscribe' | 'preferences') =>
    getService(strapi, 'links').verify(token, purpose);

  /** Unsubscribes one person inside a transaction. Idempotent: a second call changes nothing. */
  async function unsubscribe(
    trx: Knex.Transaction,
    subscriberId: number,
    method: string,
    data: Record<string, unknown>,
  ) {
    const [row] = await unsubscribePeople(strapi, trx, [{ subscriberId, data }], method, now());
    return row ?? null;
  }

  /** Public lists, plus any other list the person is on (leaving must always be possible). */
  async function offeredLists(memberOf: number[]) {
    const lists: MailingList[] = await getService(strapi, 'lists').findPublic();
    const others: MailingList[] = await getService(strapi, 'lists').findByIds(
      memberOf.filter((id) => !lists.some((list) => list.id === id)),
    );
    return [...lists, ...others].map(({ id, slug, name, description }) => ({ id, slug, name, description }));
  }

  /**
   * A person who is not subscribed ticked lists: they wait in `pendingLists` for a confirmation, with
   * the same one-mail-per-interval window as a subscribe request. Returns whether a mail was queued.
   */
  async function askToRejoin(
    trx: Knex.Transaction,
    person: { id: number; email: string },
    row: { pending_lists: unknown },
    selected: number[],
    client: ClientInfo,
    at: Date,
  ): Promise<boolean> {
    const pending = [...new Set([...parseIdList(row.pending_lists), ...selected])];
    await trx(SUBSCRIBERS)
      .where('id', person.id)
      .update({ pending_lists: JSON.stringify(pending), updated_at: at });
    await events().append(
      [
        {
          subscriberId: person.id,
          type: 'subscribe-requested',
          data: { source: 'preferences', lists: selected, ip: client.ip, userAgent: client.userAgent },
          at,
        },
      ],
      trx,
    );
    const confirmations = getService(strapi, 'confirmations');
    if (!(await confirmations.claimWindow(trx, person.id, at))) return false;
    await trx(SUBSCRIBERS).where('id', person.id).update({ confirm_nonce: newConfirmNonce() });
    await confirmations.queue(trx, person);
    return true;
  }

  /** The opt-out of open and click tracking, logged as a consent change (docs/architecture.md, "Engagement"). */
  async function saveTrackingChoice(
    trx: Knex.Transaction,
    subscriberId: number,
    optOut: boolean,
    client: ClientInfo,
    at: Date,
  ) {
    await trx(SUBSCRIBERS).where('id', subscriberId).update({ tracking_opt_out: optOut, updated_at: at });
    await events().append(
      [
        {
          subscriberId,
          type: 'tracking-changed',
          data: { trackingOptOut: optOut, via: 'preferences', ip: client.ip, userAgent: client.userAgent },
          at,
        },
      ],
      trx,
    );
  }

  return {
    /** RFC 8058 one-click or the page's button. A valid token for a person who is gone still answers "done". */
    async unsubscribe(token: unknown, method: 'one-click' | 'link'): Promise<LinkOutcome> {
      const check = verify(token, 'unsubscribe');
      if (!check.ok) return { ok: false };
      const { sub, campaign } = check.payload;
      const row = await strapi.db.transaction(({ trx }: { trx: Knex.Transaction }) =>
        unsubscribe(trx, sub, method, campaign ? { campaign } : {}),
      );
      return { ok: true, locale: row?.locale ?? null, subscriberId: row ? sub : null };
    },

    /** The person behind a preferences token and the lists they may choose from. */
    async view(token: unknown): Promise<PreferencesView | null> {
      const check = verify(token, 'preferences');
      if (!check.ok) return null;
      const subscriber: PreferencesView['subscriber'] | null = await strapi.db.query(UID.subscriber).findOne({
        where: { id: check.payload.sub },
        select: ['id', 'email', 'status', 'locale', 'trackingOptOut'],
      });
      if (!subscriber) return null;
      const memberOf = (await listIdsOf(knex(strapi), [subscriber.id])).get(subscriber.id) ?? [];
      const subscribed = subscriber.status === 'subscribed';
      return {
        subscriber,
        choices: (await offeredLists(memberOf)).map((list) => ({
          ...list,
          subscribed: subscribed && memberOf.includes(list.id),
        })),
      };
    },

    /**
     * Saves the lists a person ticked. Someone who is not subscribed (left, bounced, complained) only asks:
     * the lists wait for a new confirmation, sent as a subscribe request's would be, and nothing else changes.
     * `trackingOptOut`, when given, is their tracking choice (undefined: the page did not ask).
     */
    async save(token: unknown, slugs: string[], client: ClientInfo, trackingOptOut?: boolean): Promise<SaveOutcome> {
      const view = await this.view(token);
      if (!view) return { ok: false };
      const unknown = slugs.filter((slug) => !view.choices.some((choice) => choice.slug === slug));
      if (unknown.length) throw new errors.ValidationError(`Unknown list: ${unknown.join(', ')}`);
      const subscriberId = view.subscriber.id;

      let asked = false;
      const queued = await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const row = await trx(SUBSCRIBERS)
          .where('id', subscriberId)
          .forUpdate()
          .first('id', 'status', 'pending_lists', 'tracking_opt_out');
        if (!row) return false;
        const at = now();
        if (trackingOptOut !== undefined && Boolean(row.tracking_opt_out) !== trackingOptOut)
          await saveTrackingChoice(trx, subscriberId, trackingOptOut, client, at);
        const selected = view.choices.filter((choice) => slugs.includes(choice.slug)).map((choice) => choice.id);
        if (row.status !== 'subscribed') {
          if (selected.length === 0) return false;
          asked = true;
          return askToRejoin(trx, { id: subscriberId, email: view.subscriber.email }, row, selected, client, at);
        }
        const member = (await listIdsOf(trx, [subscriberId])).get(subscriberId) ?? [];
        const offered = view.choices.map((choice) => choice.id);
        const added = selected.filter((id) => !member.includes(id));
        const removed = member.filter((id) => offered.includes(id) && !selected.includes(id));
        if (added.length === 0 && removed.length === 0) return false;

        await unlink(trx, subscriberId, removed);
        await link(
          trx,
          added.map((listId) => ({ subscriberId, listId })),
          { at, confirmed: false },
        );
        const pending = parseIdList(row.pending_lists).filter((id) => !selected.includes(id));
        await trx(SUBSCRIBERS)
          .where('id', subscriberId)
          .update({ pending_lists: pending.length ? JSON.stringify(pending) : null, updated_at: at });
        await events().append(
          [
            {
              subscriberId,
              type: 'lists-changed',
              data: { added, removed, via: 'preferences', ip: client.ip, userAgent: client.userAgent },
              at,
            },
          ],
          trx,
        );
        return false;
      });
      if (queued) getService(strapi, 'confirmations').wake();
      return { ok: true, locale: view.subscriber.locale, subscriberId, confirmationNeeded: asked };
    },

    /** "Mail me a new link" on the page of an expired preferences link; a valid link may ask too. */
    async mailFreshLink(token: unknown): Promise<boolean> {
      const check = verify(token, 'preferences');
      if (!check.ok && check.reason !== 'expired') return false;
      await requestPreferencesLink(strapi, check.payload.sub);
      return true;
    },

    /** "Unsubscribe from everything" on the preferences page. */
    async unsubscribeAll(token: unknown): Promise<LinkOutcome> {
      const check = verify(token, 'preferences');
      if (!check.ok) return { ok: false };
      const row = await strapi.db.transaction(({ trx }: { trx: Knex.Transaction }) =>
        unsubscribe(trx, check.payload.sub, 'link', { via: 'preferences' }),
      );
      return row ? { ok: true, locale: row.locale, subscriberId: check.payload.sub } : { ok: false };
    },
  };
};
