import { escapeHtml, type PageSpec } from './html';
import type { Locale, Translate } from './texts';

/**
 * The page behind the confirm link. Opening it changes nothing (mail scanners open links);
 * the form's POST confirms, and an inline script (allowed by its hash) submits it so a person clicks only once.
 */
export function confirmPage(locale: Locale, t: Translate, token: string): PageSpec {
  return {
    locale,
    title: t('confirm.title'),
    body: `<p>${escapeHtml(t('confirm.body'))}</p>
<form id="confirm-form" method="post" action="?token=${escapeHtml(encodeURIComponent(token))}">
<button type="submit">${escapeHtml(t('confirm.button'))}</button>
</form>`,
    script: "document.getElementById('confirm-form').submit();",
  };
}
