import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { getService, pluginConfig } from '../../utils/plugin';
import { confirmPage } from '../../pages/confirm';
import { noticePage } from '../../pages/notice';
import type { PageSpec } from '../../pages/html';
import { preferencesPage, type TrackingChoice } from '../../pages/preferences';
import type { Locale, TextKey, Translate } from '../../pages/texts';
import { expiredPreferencesPage } from '../../pages/expired-link';
import { unsubscribePage } from '../../pages/unsubscribe';
import { maskEmail } from '../../services/audience/email-address';
import { UID } from '../../constants';
import type { LinkOutcome } from '../../services/audience/subscriptions';
import { bodyObject, clientInfo, pageLocale, sendInvalidLink, sendPage, texts, wantsPage } from './http';
import { readSlugs } from './subscribe-input';

/**
 * The tracking choice of a preferences POST: the page sends `tracking=asked` and a ticked box sends
 * `trackingOptOut=yes`; a script may send `trackingOptOut` true or false. Undefined: not asked.
 */
function readTrackingChoice(body: Record<string, unknown>): boolean | undefined {
  if (body.tracking === 'asked') return body.trackingOptOut === 'yes';
  if (body.trackingOptOut === undefined || typeof body.trackingOptOut === 'boolean') return body.trackingOptOut;
  throw new errors.ValidationError('trackingOptOut must be true or false.');
}

/**
 * The pages behind the links in mail. A GET only shows a page (mail scanners and link
 * previews open links); the POST to the same address changes state.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const links = () => getService(strapi, 'links');
  const subscriptions = () => getService(strapi, 'subscriptions');
  const preferences = () => getService(strapi, 'preferences');

  /** The language of a token's owner, when the token is good and the person exists. */
  async function ownerLocale(
    token: unknown,
    purpose: 'confirm' | 'unsubscribe' | 'preferences',
  ): Promise<string | null | false> {
    const check = links().verify(token, purpose);
    if (!check.ok) return false;
    const owner: { locale: string | null } | null = await strapi.db
      .query(UID.subscriber)
      .findOne({ where: { id: check.payload.sub }, select: ['locale'] });
    return owner?.locale ?? null;
  }

  /** The page behind a link in mail: its button POSTs the token back, in the owner's language. */
  async function showTokenPage(
    ctx: Context,
    purpose: 'confirm' | 'unsubscribe',
    page: (locale: Locale, t: Translate, token: string) => PageSpec,
  ) {
    const token = ctx.query.token;
    const locale = await ownerLocale(token, purpose);
    if (locale === false) return sendInvalidLink(ctx, strapi, pageLocale(ctx));
    const pageLang = pageLocale(ctx, locale);
    sendPage(ctx, 200, page(pageLang, texts(strapi, pageLang), String(token)));
  }

  function done(
    ctx: Context,
    outcome: LinkOutcome,
    titleKey: 'confirmed.title' | 'unsubscribed.title',
    bodyKey: 'confirmed.body' | 'unsubscribed.body',
  ) {
    const locale = pageLocale(ctx, outcome.ok ? outcome.locale : null);
    if (!outcome.ok) return sendInvalidLink(ctx, strapi, locale);
    const t = texts(strapi, locale);
    if (!wantsPage(ctx)) {
      ctx.status = 200;
      ctx.body = { data: { message: t(bodyKey) } };
      return;
    }
    const more =
      titleKey === 'unsubscribed.title' && outcome.subscriberId
        ? { href: links().preferencesUrl(outcome.subscriberId), text: t('preferences.link') }
        : undefined;
    sendPage(ctx, 200, noticePage(locale, t(titleKey), t(bodyKey), more));
  }

  /** The tracking choice to offer: none where the site does not track, so the page claims nothing. */
  function trackingChoice(optOut: boolean | null): TrackingChoice | undefined {
    const { enabled, aggregateOnly } = pluginConfig(strapi).tracking;
    return enabled ? { optOut: Boolean(optOut), aggregateOnly } : undefined;
  }

  async function showPreferences(ctx: Context, token: unknown, saved: boolean) {
    const view = await preferences().view(token);
    const locale = pageLocale(ctx, view?.subscriber.locale);
    if (!view) return sendInvalidLink(ctx, strapi, locale);
    const tracking = trackingChoice(view.subscriber.trackingOptOut);
    if (!wantsPage(ctx)) {
      ctx.body = {
        data: {
          lists: view.choices.map(({ slug, name, description, subscribed }) => ({
            slug,
            name,
            description,
            subscribed,
          })),
          ...(tracking ? { trackingOptOut: tracking.optOut } : {}),
        },
      };
      return;
    }
    sendPage(
      ctx,
      200,
      preferencesPage(locale, texts(strapi, locale), {
        token: String(token),
        maskedEmail: maskEmail(view.subscriber.email),
        choices: view.choices,
        saved,
        tracking,
      }),
    );
  }

  /** An expired preferences link: a page offering a fresh one by mail (410 for scripts). */
  function showExpired(ctx: Context, token: string) {
    const locale = pageLocale(ctx);
    const t = texts(strapi, locale);
    if (!wantsPage(ctx)) {
      ctx.status = 410;
      ctx.body = { error: { status: 410, name: 'ExpiredLinkError', message: t('preferences.expired.body') } };
      return;
    }
    sendPage(ctx, 410, expiredPreferencesPage(locale, t, token));
  }

  /** A page (or JSON message) that only says something. */
  function notice(ctx: Context, titleKey: TextKey, bodyKey: TextKey, preferred?: string | null) {
    const locale = pageLocale(ctx, preferred);
    const t = texts(strapi, locale);
    if (!wantsPage(ctx)) {
      ctx.status = 200;
      ctx.body = { data: { message: t(bodyKey) } };
      return;
    }
    sendPage(ctx, 200, noticePage(locale, t(titleKey), t(bodyKey)));
  }

  return {
    async confirmPage(ctx) {
      await showTokenPage(ctx, 'confirm', confirmPage);
    },

    async confirm(ctx) {
      done(ctx, await subscriptions().confirm(ctx.query.token, clientInfo(ctx)), 'confirmed.title', 'confirmed.body');
    },

    async unsubscribePage(ctx) {
      await showTokenPage(ctx, 'unsubscribe', unsubscribePage);
    },

    /**
     * RFC 8058: `List-Unsubscribe=One-Click` (urlencoded or multipart) from a mailbox provider,
     * or the page's button.
     */
    async unsubscribe(ctx) {
      const oneClick = bodyObject(ctx)?.['List-Unsubscribe'] === 'One-Click';
      done(
        ctx,
        await preferences().unsubscribe(ctx.query.token, oneClick ? 'one-click' : 'link'),
        'unsubscribed.title',
        'unsubscribed.body',
      );
    },

    async preferencesPage(ctx) {
      const token = ctx.query.token;
      const check = links().verify(token, 'preferences');
      if (!check.ok && check.reason === 'expired') return showExpired(ctx, String(token));
      await showPreferences(ctx, token, false);
    },

    async savePreferences(ctx) {
      const token = ctx.query.token;
      const body = bodyObject(ctx) ?? {};
      if (body.action === 'resend') {
        if (!(await preferences().mailFreshLink(token))) return sendInvalidLink(ctx, strapi, pageLocale(ctx));
        return notice(ctx, 'preferences.resent.title', 'preferences.resent.body');
      }
      if (body.action === 'unsubscribe') {
        return done(ctx, await preferences().unsubscribeAll(token), 'unsubscribed.title', 'unsubscribed.body');
      }
      const outcome = await preferences().save(token, readSlugs(body.lists), clientInfo(ctx), readTrackingChoice(body));
      if (!outcome.ok) return sendInvalidLink(ctx, strapi, pageLocale(ctx));
      if ('confirmationNeeded' in outcome && outcome.confirmationNeeded) {
        return notice(ctx, 'subscribe.checkInbox.title', 'preferences.confirmNeeded', outcome.locale);
      }
      await showPreferences(ctx, token, true);
    },
  } satisfies Core.Controller;
};
