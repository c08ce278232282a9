/**
 * A fresh preferences link by mail, asked for from the page of an expired one. It is a
 * confirmation-kind delivery, so it shares the confirmations' limits: one mail per address per
 * `confirmationIntervalMinutes`, and whatever budget confirmation mails have per provider.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { TABLES } from '../../constants';
import { knex } from '../../database/connection';
import { preferencesLinkMail } from '../../pages/preferences-link-mail';
import { pickLocale, translator } from '../../pages/texts';
import { getService } from '../../utils/plugin';
import type { RenderedConfirmation } from './confirmations';
import { audienceSettings } from './settings';

const PAYLOAD = { mail: 'preferences-link' } as const;
// Complained and bounced people are not mailed again; pending ones never had a preferences link.
const MAY_ASK = ['subscribed', 'unsubscribed'];

/** Is this confirmation-kind delivery a preferences link rather than a confirmation? */
export function isPreferencesLinkMail(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && (payload as { mail?: unknown }).mail === PAYLOAD.mail;
}

/** Queues the mail when the person may have one now; says nothing either way to the caller's visitor. */
export async function requestPreferencesLink(strapi: Core.Strapi, subscriberId: number): Promise<void> {
  const confirmations = getService(strapi, 'confirmations');
  const at = getService(strapi, 'clock').now();
  const queued = await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
    const row = await trx(TABLES.subscribers).where('id', subscriberId).forUpdate().first('id', 'email', 'status');
    if (!row || !MAY_ASK.includes(row.status)) return false;
    if (!(await confirmations.claimWindow(trx, subscriberId, at))) return false;
    await getService(strapi, 'outbox').enqueue(
      {
        kind: 'confirmation',
        subscriberId,
        email: row.email,
        provider: getService(strapi, 'providers').defaultName(),
        payload: PAYLOAD,
      },
      trx,
    );
    return true;
  });
  if (queued) confirmations.wake();
}

/** The mail with a fresh link, rendered when it is sent; null when the person is gone. */
export async function renderPreferencesLink(
  strapi: Core.Strapi,
  subscriberId: number,
): Promise<RenderedConfirmation | null> {
  const row = await knex(strapi)(TABLES.subscribers).where('id', subscriberId).first('id', 'email', 'locale', 'status');
  if (!row || !MAY_ASK.includes(row.status)) return null;
  const locale = pickLocale(row.locale);
  const t = translator(locale, audienceSettings(strapi).texts);
  const mail = preferencesLinkMail(t, getService(strapi, 'links').preferencesUrl(Number(row.id)));
  return { ...mail, to: { address: row.email }, locale };
}
