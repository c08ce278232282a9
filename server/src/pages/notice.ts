import { escapeHtml, type PageSpec } from './html';
import type { Locale } from './texts';

/** A page that only says something: a result, or why a link did not work. */
export function noticePage(
  locale: Locale,
  title: string,
  message: string,
  link?: { href: string; text: string },
): PageSpec {
  const more = link ? `\n<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>` : '';
  return { locale, title, body: `<p class="notice" role="status">${escapeHtml(message)}</p>${more}` };
}
