import { escapeHtml, type PageSpec } from './html';
import type { Locale, Translate } from './texts';

/**
 * Behind an expired preferences link: the button asks for a fresh link by mail, to the address the
 * old one was sent to. Nothing is shown of the person, since whoever holds a forwarded mail sees this.
 */
export function expiredPreferencesPage(locale: Locale, t: Translate, token: string): PageSpec {
  return {
    locale,
    title: t('preferences.expired.title'),
    body: `<p>${escapeHtml(t('preferences.expired.body'))}</p>
<form method="post" action="?token=${escapeHtml(encodeURIComponent(token))}">
<input type="hidden" name="action" value="resend">
<button type="submit">${escapeHtml(t('preferences.expired.button'))}</button>
</form>`,
  };
}
