import { escapeHtml, type PageSpec } from './html';
import type { Locale, Translate } from './texts';

/**
 * The page behind the confirm link. Opening it changes nothing (mail scanners open links, and some
 * run scripts): only pressing the button POSTs the confirmation. The page has no script on purpose.
 */
export function confirmPage(locale: Locale, t: Translate, token: string): PageSpec {
  return {
    locale,
    title: t('confirm.title'),
    body: `<p>${escapeHtml(t('confirm.body'))}</p>
<form id="confirm-form" method="post" action="?token=${escapeHtml(encodeURIComponent(token))}">
<button type="submit">${escapeHtml(t('confirm.button'))}</button>
</form>`,
  };
}
