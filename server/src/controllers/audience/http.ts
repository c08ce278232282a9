import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { renderPage, type PageSpec } from '../../pages/html';
import { noticePage } from '../../pages/notice';
import { pickLocale, translator, type Locale, type Translate } from '../../pages/texts';
import { audienceSettings } from '../../services/audience/settings';
import { clientAddress } from '../../services/audience/client-address';
import type { ClientInfo } from '../../services/audience/subscriptions';
import { requestBody } from '../request';

/** Who sent a request, as recorded with consent: the address as Strapi's proxy setting defines it, checked. */
export function clientInfo(ctx: Context): ClientInfo {
  return {
    ip: clientAddress(ctx.request.ip, ctx.req.socket?.remoteAddress),
    userAgent: String(ctx.get('user-agent') ?? '').slice(0, 512),
  };
}

export function pageLocale(ctx: Context, preferred?: string | null): Locale {
  return pickLocale(preferred, ctx.get('accept-language'));
}

export function texts(strapi: Core.Strapi, locale: Locale): Translate {
  return translator(locale, audienceSettings(strapi).texts);
}

/** Sends an HTML page with its own CSP (hashes of its inline style and script). */
export function sendPage(ctx: Context, status: number, spec: PageSpec): void {
  const { html, csp } = renderPage(spec);
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Content-Security-Policy', csp);
  ctx.body = html;
}

/** One answer for every bad token, whatever was wrong with it: nothing to learn from it. */
export function sendInvalidLink(ctx: Context, strapi: Core.Strapi, locale: Locale): void {
  const t = texts(strapi, locale);
  sendPage(ctx, 404, noticePage(locale, t('invalid.title'), t('invalid.body')));
}

/** A browser posting a form (not a script asking for JSON) gets pages and redirects. */
export function wantsPage(ctx: Context): boolean {
  return !ctx.is('json') && ctx.accepts('html', 'json') === 'html';
}

/** The parsed body as a plain object, or null when it is anything else (an array, text...). */
export function bodyObject(ctx: Context): Record<string, unknown> | null {
  const body = requestBody(ctx);
  if (body === undefined || body === null) return {};
  return typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
}
