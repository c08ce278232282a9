import { escapeHtml, type PageSpec } from './html';
import type { Locale, Translate } from './texts';

/** The page behind the unsubscribe link: a GET only shows the button, the POST unsubscribes. */
export function unsubscribePage(locale: Locale, t: Translate, token: string): PageSpec {
  return {
    locale,
    title: t('unsubscribe.title'),
    body: `<p>${escapeHtml(t('unsubscribe.body'))}</p>
<form method="post" action="?token=${escapeHtml(encodeURIComponent(token))}">
<button type="submit">${escapeHtml(t('unsubscribe.button'))}</button>
</form>`,
  };
}
