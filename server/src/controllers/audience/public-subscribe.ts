import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { getService } from '../../utils/plugin';
import { noticePage } from '../../pages/notice';
import { subscribeFormPage } from '../../pages/subscribe-form';
import { acceptedLocale, type Locale } from '../../pages/texts';
import { audienceSettings } from '../../services/audience/settings';
import type { SubscribeAnswer } from '../../services/audience/subscriptions';
import { bodyObject, clientInfo, pageLocale, sendInvalidLink, sendPage, texts, wantsPage } from './http';
import { readSubscribeInput } from './subscribe-input';

// What a bot that filled the honeypot is told when its form cannot be looked up.
const GENERIC_ANSWER: SubscribeAnswer = { doubleOptIn: true, successUrl: null };

/** POST subscribe and the hosted form page (GET forms/:slug). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const subscriptions = () => getService(strapi, 'subscriptions');

  /** The same answer for every address: it depends on the form or lists only. */
  function answer(ctx: Context, locale: Locale, result: SubscribeAnswer) {
    const t = texts(strapi, locale);
    const [title, message] = result.doubleOptIn
      ? [t('subscribe.checkInbox.title'), t('subscribe.checkInbox.body')]
      : [t('subscribe.thanks.title'), t('subscribe.thanks.body')];
    if (!wantsPage(ctx)) {
      ctx.status = 200;
      ctx.body = { data: { message } };
    } else if (result.successUrl) {
      ctx.redirect(result.successUrl);
      ctx.status = 303;
    } else {
      sendPage(ctx, 200, noticePage(locale, title, message));
    }
  }

  async function honeypotAnswer(form: string | null): Promise<SubscribeAnswer> {
    try {
      const target = await subscriptions().resolveTarget({ form, lists: [], name: 'x', consent: true });
      return { doubleOptIn: target.doubleOptIn, successUrl: target.successUrl };
    } catch {
      return GENERIC_ANSWER;
    }
  }

  return {
    async subscribe(ctx) {
      const body = bodyObject(ctx);
      const input = readSubscribeInput(body);
      const locale = input.honeypot ? pageLocale(ctx) : pageLocale(ctx, input.request.locale);
      if (input.honeypot) return answer(ctx, locale, await honeypotAnswer(input.form));
      // Before anything counts or writes: a request without a fresh solution does nothing.
      await getService(strapi, 'captcha').check(body ?? {}, clientInfo(ctx));

      const { rateLimit } = audienceSettings(strapi);
      const perAddress = await getService(strapi, 'rateLimits').hit(
        'subscribe-email',
        input.request.email,
        rateLimit.subscribePerEmail,
        rateLimit.windowSeconds,
      );
      if (!perAddress.allowed) {
        ctx.set('Retry-After', String(perAddress.retryAfterSeconds));
        throw new errors.RateLimitError('Too many requests for this address. Please wait a while and try again.');
      }
      // Without a locale field, the browser's language (when the site has it) is the person's.
      const request = { ...input.request, locale: input.request.locale ?? acceptedLocale(ctx.get('accept-language')) };
      answer(ctx, locale, await subscriptions().subscribe(request, clientInfo(ctx)));
    },

    async formPage(ctx) {
      const locale = pageLocale(ctx);
      const slug = String(ctx.params.slug ?? '');
      const form = slug.length <= 120 ? await getService(strapi, 'forms').findBySlug(slug) : null;
      if (!form) return sendInvalidLink(ctx, strapi, locale);
      const view = getService(strapi, 'forms').view(form, 'hosted', locale);
      sendPage(ctx, 200, subscribeFormPage(locale, texts(strapi, locale), view));
    },
  } satisfies Core.Controller;
};
