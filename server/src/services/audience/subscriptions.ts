import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { getService } from '../../utils/plugin';
import { newConfirmNonce } from '../tokens';
import type { Locale } from '../../pages/texts';
import { TABLES, UID } from '../../constants';
import { retryConflicts } from '../../database/retry-conflicts';
import { link, listIdsOf, parseIdList } from './memberships';
import { planSubscription, type TargetList } from './subscription-plan';
import type { SubscribeForm } from '../../contracts';
import type { MailingList } from '../../contracts';

export interface SubscribeRequest {
  /** Already normalized (see email-address.ts). */
  email: string;
  name: string | null;
  lists: string[];
  form: string | null;
  locale: Locale | null;
  consent: boolean;
}

export interface ClientInfo {
  ip: string;
  userAgent: string;
}

/** What the answer to a subscribe request may depend on: the form or lists asked for, never the address. */
export interface SubscribeAnswer {
  doubleOptIn: boolean;
  successUrl: string | null;
}

export interface Target extends SubscribeAnswer {
  lists: TargetList[];
  source: string;
  consentText: string | null;
  provider: string | null;
}

export type LinkOutcome = { ok: true; locale: string | null; subscriberId: number | null } | { ok: false };

const SUBSCRIBERS = TABLES.subscribers;

/**
 * Joining: the subscribe request and the confirmation behind the link in the mail. Each state
 * change is one transaction; the confirmation mail goes out after commit, through the outbox.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const now = (): Date => getService(strapi, 'clock').now();
  // Strapi's own documentId generator, for rows written without the query engine.
  const newDocumentId = (): string =>
    (strapi.db.metadata.get(UID.subscriber).attributes.documentId as { default: () => string }).default();
  const events = () => getService(strapi, 'subscriberEvents');

  async function resolveTarget(
    request: Pick<SubscribeRequest, 'form' | 'lists' | 'name' | 'consent'>,
  ): Promise<Target> {
    if (request.form) {
      const form: SubscribeForm | null = await getService(strapi, 'forms').findBySlug(request.form);
      if (!form) throw new errors.ValidationError('Unknown form.');
      const chosen = request.lists.length ? form.lists.filter((list) => request.lists.includes(list.slug)) : form.lists;
      const foreign = request.lists.filter((slug) => !form.lists.some((list) => list.slug === slug));
      if (foreign.length) throw new errors.ValidationError(`Unknown list: ${foreign.join(', ')}`);
      if (chosen.length === 0) throw new errors.ValidationError('This form has no lists to subscribe to.');
      if (form.fields.name === 'required' && !request.name) throw new errors.ValidationError('Please enter your name.');
      if (form.consentText && !request.consent)
        throw new errors.ValidationError('Please tick the consent box to subscribe.');
      const lists = chosen.map((list) => ({ id: list.id, doubleOptIn: form.doubleOptIn || list.doubleOptIn }));
      return {
        lists,
        doubleOptIn: lists.some((list) => list.doubleOptIn),
        successUrl: form.successUrl,
        source: `form:${form.slug}`,
        consentText: form.consentText,
        provider: form.provider,
      };
    }
    if (request.lists.length === 0) throw new errors.ValidationError('Choose a list or a form to subscribe to.');
    const found: MailingList[] = await getService(strapi, 'lists').findPublicBySlugs(request.lists);
    const lists = found.map((list) => ({ id: list.id, doubleOptIn: list.doubleOptIn }));
    return {
      lists,
      doubleOptIn: lists.some((list) => list.doubleOptIn),
      successUrl: null,
      source: 'api',
      consentText: null,
      provider: null,
    };
  }

  /**
   * One subscribe request, its confirmation mail included, inside one transaction; returns
   * whether that mail was queued.
   */
  async function apply(request: SubscribeRequest, client: ClientInfo, target: Target): Promise<boolean> {
    const at = now();
    // Concurrent sign-ups collide on MariaDB's gap locks, and two for one new address on its unique
    // index: the loser runs again and sees the winner's row.
    return retryConflicts(
      () =>
        strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
          const row = await trx(SUBSCRIBERS)
            .where('email', request.email)
            .forUpdate()
            .first('id', 'status', 'pending_lists');
          const current = row
            ? {
                status: row.status,
                listIds: (await listIdsOf(trx, [row.id])).get(row.id) ?? [],
                pendingListIds: parseIdList(row.pending_lists),
              }
            : null;
          const plan = planSubscription(current, target.lists);
          const pendingLists = plan.pendingListIds.length ? JSON.stringify(plan.pendingListIds) : null;
          const consent = {
            source: target.source,
            consent_at: at,
            consent_ip: client.ip,
            consent_user_agent: client.userAgent,
            consent_text: target.consentText,
          };

          let id: number;
          let confirm: boolean;
          if (!row) {
            // The hot path of the public API: one INSERT, the confirmation window taken with it.
            const [inserted] = await trx(SUBSCRIBERS).insert(
              {
                document_id: newDocumentId(),
                email: request.email,
                name: request.name,
                locale: request.locale,
                status: plan.status,
                pending_lists: pendingLists,
                confirmed_at: plan.status === 'subscribed' ? at : null,
                confirmation_sent_at: plan.askToConfirm ? at : null,
                confirm_nonce: plan.askToConfirm ? newConfirmNonce() : null,
                bounce_count: 0,
                ...consent,
                created_at: at,
                updated_at: at,
                published_at: at,
              },
              ['id'],
            );
            id = Number(typeof inserted === 'object' ? inserted.id : inserted);
            confirm = plan.askToConfirm;
          } else {
            id = Number(row.id);
            if (plan.changed) {
              // A request proves nothing about who sent it: it never renames or relocates a confirmed person.
              const unconfirmed =
                row.status === 'pending'
                  ? {
                      ...(request.name ? { name: request.name } : {}),
                      ...(request.locale ? { locale: request.locale } : {}),
                    }
                  : {};
              await trx(SUBSCRIBERS)
                .where('id', id)
                .update({
                  status: plan.status,
                  pending_lists: pendingLists,
                  ...consent,
                  ...unconfirmed,
                  updated_at: at,
                });
            }
            confirm = plan.askToConfirm && (await getService(strapi, 'confirmations').claimWindow(trx, id, at));
            // The link of this mail confirms this request only; links of earlier mails stop working.
            if (confirm) await trx(SUBSCRIBERS).where('id', id).update({ confirm_nonce: newConfirmNonce() });
          }
          if (confirm)
            await getService(strapi, 'confirmations').queue(trx, { id, email: request.email }, target.provider);

          await link(
            trx,
            plan.link.map((listId) => ({ subscriberId: id, listId })),
            { at, confirmed: false },
          );
          await events().append(
            [
              {
                subscriberId: id,
                type: 'subscribe-requested',
                data: {
                  source: target.source,
                  lists: target.lists.map((l) => l.id),
                  joined: plan.link,
                  ip: client.ip,
                  userAgent: client.userAgent,
                  consentText: target.consentText,
                },
                at,
              },
            ],
            trx,
          );
          return confirm;
        }),
      { uniqueToo: true },
    );
  }

  return {
    resolveTarget,

    async subscribe(request: SubscribeRequest, client: ClientInfo): Promise<SubscribeAnswer> {
      const target = await resolveTarget(request);
      const answer = { doubleOptIn: target.doubleOptIn, successUrl: target.successUrl };
      if (await getService(strapi, 'suppressions').isSuppressed(request.email)) return answer;

      const queued = await apply(request, client, target);
      if (queued) getService(strapi, 'confirmations').wake();
      return answer;
    },

    /**
     * The POST behind the confirm link: joins the lists its mail named that still wait, if the link
     * belongs to the latest request (its nonce). Repeating a used link answers "done" and changes nothing.
     */
    async confirm(token: unknown, client: ClientInfo): Promise<LinkOutcome> {
      const check = getService(strapi, 'links').verify(token, 'confirm');
      if (!check.ok) return { ok: false };
      const { sub: subscriberId, nonce, lists: named = [] } = check.payload;
      return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }): Promise<LinkOutcome> => {
        const row = await trx(SUBSCRIBERS)
          .where('id', subscriberId)
          .forUpdate()
          .first('id', 'status', 'pending_lists', 'locale', 'confirm_nonce');
        if (!row) return { ok: false };
        const waiting = parseIdList(row.pending_lists);
        const ids = row.confirm_nonce === nonce ? waiting.filter((id) => named.includes(id)) : [];
        const lists: MailingList[] = await getService(strapi, 'lists').findByIds(ids);
        if (lists.length === 0) {
          const member = (await listIdsOf(trx, [subscriberId])).get(subscriberId) ?? [];
          const alreadyDone = row.status === 'subscribed' && named.every((id) => member.includes(id));
          return alreadyDone ? { ok: true, locale: row.locale, subscriberId } : { ok: false };
        }

        const at = now();
        // Lists asked for by a later request stay waiting for that request's own link.
        const stillWaiting = waiting.filter((id) => !lists.some((list) => list.id === id));
        await trx(SUBSCRIBERS)
          .where('id', subscriberId)
          .update({
            status: 'subscribed',
            confirmed_at: at,
            unsubscribed_at: null,
            pending_lists: stillWaiting.length ? JSON.stringify(stillWaiting) : null,
            ...(stillWaiting.length ? {} : { confirm_nonce: null }),
            updated_at: at,
          });
        // After the status: a series enrolls only people who are subscribed.
        await link(
          trx,
          lists.map((list) => ({ subscriberId, listId: list.id })),
          { at, confirmed: true },
        );
        await events().append(
          [
            {
              subscriberId,
              type: 'confirmed',
              data: { lists: lists.map((l) => l.id), ip: client.ip, userAgent: client.userAgent },
              at,
            },
          ],
          trx,
        );
        return { ok: true, locale: row.locale, subscriberId };
      });
    },
  };
};
