import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { newConfirmNonce } from '../tokens';
import { knex } from '../../database/connection';
import { pluginConfig, getService } from '../../utils/plugin';
import { confirmationMail } from '../../pages/confirmation-mail';
import { pickLocale, translator } from '../../pages/texts';
import { audienceSettings } from './settings';
import { TABLES } from '../../constants';
import { parseIdList } from './memberships';
import { isPreferencesLinkMail, renderPreferencesLink } from './preferences-link';

export interface RenderedConfirmation {
  subject: string;
  html: string;
  text: string;
  to: { address: string };
  locale?: string;
}

// A burst of subscriptions shares one sender run instead of waking the sender once per request.
const KICK_DELAY_MS = 100;
// How often the log may repeat that a provider's confirmation budget holds mails back.
const BUDGET_WARNING_EVERY_MS = 10 * 60_000;

/**
 * Confirmation mails. They are outbox deliveries like any campaign message, so they count
 * against the provider's limits; the sender asks `render` for the content when it sends, so the
 * mail always names the lists still waiting and carries a fresh 72-hour link.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let kickTimer: NodeJS.Timeout | null = null;
  const budgetWarnedAt = new Map<string, number>();
  const kickSoon = () => {
    if (kickTimer) return;
    kickTimer = setTimeout(() => {
      kickTimer = null;
      getService(strapi, 'sender').kick();
    }, KICK_DELAY_MS);
    kickTimer.unref();
  };

  /** The link names the request's nonce and the lists this mail names (a request from before nonces gets one). */
  async function confirmLink(db: Knex, id: number, stored: string | null, lists: Array<{ id: number }>) {
    const nonce = stored ?? newConfirmNonce();
    if (!stored) await db(TABLES.subscribers).where('id', id).update({ confirm_nonce: nonce });
    return getService(strapi, 'links').confirmUrl(id, {
      nonce,
      lists: lists.slice(0, 50).map((list) => Number(list.id)),
    });
  }

  return {
    /**
     * Takes the right to send one confirmation now: true at most once per address per
     * `confirmationIntervalMinutes`, however many requests race for it.
     */
    async claimWindow(db: Knex.Transaction, subscriberId: number, now: Date): Promise<boolean> {
      const cutoff = new Date(now.getTime() - audienceSettings(strapi).confirmationIntervalMinutes * 60_000);
      const changed = await db(TABLES.subscribers)
        .where('id', subscriberId)
        .where((q) => q.whereNull('confirmation_sent_at').orWhere('confirmation_sent_at', '<=', cutoff))
        .update({ confirmation_sent_at: now });
      return Number(changed) > 0;
    },

    /**
     * Queues the mail in the subscriber's transaction, so a committed request always has its
     * confirmation waiting in the outbox, even if the process dies right after the commit.
     */
    async queue(
      trx: Knex.Transaction,
      subscriber: { id: number; email: string },
      provider?: string | null,
    ): Promise<void> {
      await getService(strapi, 'outbox').enqueue(
        {
          kind: 'confirmation',
          subscriberId: subscriber.id,
          email: subscriber.email,
          provider: provider || pluginConfig(strapi).defaultProvider,
          payload: {},
        },
        trx,
      );
    },

    /** Wakes the sender for queued confirmations; call it once their transaction has committed. */
    wake() {
      kickSoon();
    },

    /**
     * The claim found confirmations waiting while the provider's confirmation budget is spent
     * (a flood of sign-ups, or a busy day): they stay queued, and the log says so now and then.
     */
    budgetSpent(provider: { name: string; confirmations: { perHour: number | null; perDay: number | null } }) {
      const last = budgetWarnedAt.get(provider.name) ?? 0;
      if (Date.now() - last < BUDGET_WARNING_EVERY_MS) return;
      budgetWarnedAt.set(provider.name, Date.now());
      const { perHour, perDay } = provider.confirmations;
      const budget = [perHour && `${perHour} an hour`, perDay && `${perDay} a day`].filter(Boolean).join(', ');
      strapi.log.warn(
        `[email-campaigns] provider "${provider.name}" has sent its confirmation budget (${budget}): ` +
          'further confirmation mails wait in the outbox until it frees up; campaigns keep the rest of the limits.',
      );
    },

    /** The mail for one confirmation delivery, or null when nothing waits for confirmation any more. */
    async render(delivery: { subscriberId: number | null; payload?: unknown }): Promise<RenderedConfirmation | null> {
      if (!delivery.subscriberId) return null;
      if (isPreferencesLinkMail(delivery.payload)) return renderPreferencesLink(strapi, delivery.subscriberId);
      // Plain knex: the sender calls this once per confirmation it sends.
      const db = knex(strapi);
      const subscriber = await db(TABLES.subscribers)
        .where('id', delivery.subscriberId)
        .first('id', 'email', 'locale', 'pending_lists', 'confirm_nonce');
      if (!subscriber) return null;
      const pending = parseIdList(subscriber.pending_lists);
      const lists = pending.length
        ? await db(TABLES.lists).whereIn('id', pending).orderBy('name').select('id', 'name')
        : [];
      if (lists.length === 0) return null;
      const confirmUrl = await confirmLink(db, Number(subscriber.id), subscriber.confirm_nonce, lists);

      const locale = pickLocale(subscriber.locale);
      const t = translator(locale, audienceSettings(strapi).texts);
      // No name, in the greeting or the To header: see ConfirmationMailView.
      const mail = confirmationMail(t, {
        listNames: lists.map((list: { name: string }) => list.name),
        confirmUrl,
        locale,
      });
      return { ...mail, to: { address: subscriber.email }, locale };
    },
  };
};
