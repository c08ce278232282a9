import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../../utils/plugin';
import { archivePage } from '../../pages/archive';
import { sendMessagePage } from '../../pages/message';
import { noticePage } from '../../pages/notice';
import type { TextKey } from '../../pages/texts';
import { ARCHIVE_LIMIT } from '../../services/archive';
import { pageLocale, sendInvalidLink, sendPage, texts } from './http';

/**
 * View in browser and the public archive: read-only pages, each a GET that writes nothing. The web
 * link's signature is checked before anything is read. See docs/architecture.md, "Engagement".
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const archive = () => getService(strapi, 'archive');

  /** The archive's language: `?lang=`, else Accept-Language, else English. */
  const archiveLocale = (ctx: Context) => pageLocale(ctx, typeof ctx.query.lang === 'string' ? ctx.query.lang : null);

  function notFound(ctx: Context, titleKey: TextKey, bodyKey: TextKey, preferred?: string | null) {
    const locale = pageLocale(ctx, preferred);
    const t = texts(strapi, locale);
    sendPage(ctx, 404, noticePage(locale, t(titleKey), t(bodyKey)));
  }

  return {
    async webView(ctx) {
      const view = await archive().webView(ctx.query.token);
      if (view.outcome === 'invalid') return sendInvalidLink(ctx, strapi, pageLocale(ctx));
      if (view.outcome === 'gone') return notFound(ctx, 'web.gone.title', 'web.gone.body', view.locale);
      sendMessagePage(ctx, view.html);
    },

    async page(ctx) {
      const listing = await archive().listing(ctx.params.slug);
      if (!listing) return notFound(ctx, 'archive.notFound.title', 'archive.notFound.body', archiveLocale(ctx));
      const locale = archiveLocale(ctx);
      const { list, items, feedUrl } = listing;
      const data = { listName: list.name, description: list.description, feedUrl, limit: ARCHIVE_LIMIT, items };
      sendPage(ctx, 200, archivePage(locale, texts(strapi, locale), data));
    },

    async copy(ctx) {
      const html = await archive().copy(ctx.params.slug, ctx.params.campaign);
      if (html === null) return notFound(ctx, 'archive.notFound.title', 'archive.notFound.body', archiveLocale(ctx));
      sendMessagePage(ctx, html);
    },

    async feed(ctx) {
      const xml = await archive().feed(ctx.params.slug);
      if (xml === null) return notFound(ctx, 'archive.notFound.title', 'archive.notFound.body', archiveLocale(ctx));
      ctx.status = 200;
      ctx.type = 'application/atom+xml; charset=utf-8';
      ctx.body = xml;
    },
  } satisfies Core.Controller;
};
