import { escapeHtml, type PageSpec } from './html';
import type { Locale, Translate } from './texts';

export const HONEYPOT_FIELD = 'website';

export interface FormView {
  slug: string;
  name: string;
  /** Where the form posts: the public subscribe endpoint. */
  action: string;
  askName: boolean;
  requireName: boolean;
  consentText?: string | null;
  /** Origin of the form's successUrl, which the browser is redirected to after posting. */
  successOrigin?: string | null;
  /** The ALTCHA widget, when the captcha is on: where its files and challenges are served, its field. */
  captcha?: { base: string; field: string } | null;
  /**
   * The visitor's language, posted with the form and kept on the subscriber: the hosted page's
   * own; empty in the embed snippet, for the site to fill with its page's language.
   */
  locale?: string;
}

/** The widget's stylesheet and script, for a page of someone else's (the embed snippet). */
export function captchaAssets(view: FormView): string {
  if (!view.captcha) return '';
  const base = escapeHtml(view.captcha.base);
  return `<link rel="stylesheet" href="${base}altcha.css">
<script src="${base}altcha.js" defer></script>
`;
}

/** The widget, speaking the page's language (its own texts are English only). */
function captchaWidget(t: Translate, view: FormView): string {
  if (!view.captcha) return '';
  const strings = JSON.stringify({
    label: t('captcha.label'),
    verifying: t('captcha.verifying'),
    verified: t('captcha.verified'),
    verificationRequired: t('captcha.required'),
    waitAlert: t('captcha.wait'),
    error: t('captcha.error'),
    expired: t('captcha.expired'),
  });
  return `<altcha-widget challengeurl="${escapeHtml(view.captcha.base)}challenge" name="${escapeHtml(view.captcha.field)}" hidefooter hidelogo strings="${escapeHtml(strings)}"></altcha-widget>
`;
}

/**
 * The form itself; shared by the hosted page and the embed snippet shown in the admin. The snippet
 * lives in someone else's page without our stylesheet, so it hides the honeypot with a style attribute
 * (which our own page's CSP would refuse).
 */
export function formFields(t: Translate, view: FormView, placement: 'hosted' | 'embedded' = 'hosted'): string {
  const hidden =
    placement === 'hosted'
      ? 'class="visually-hidden"'
      : 'style="position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden"';
  const name = view.askName
    ? `<label for="ec-name">${escapeHtml(t('form.name'))}</label>
<input type="text" id="ec-name" name="name" maxlength="100" autocomplete="name"${view.requireName ? ' required' : ''}>`
    : '';
  const consent = view.consentText
    ? `<label class="choice" for="ec-consent"><input type="checkbox" id="ec-consent" name="consent" value="yes" required> <span>${escapeHtml(view.consentText)}</span></label>`
    : '';
  return `<form method="post" action="${escapeHtml(view.action)}">
<input type="hidden" name="form" value="${escapeHtml(view.slug)}">
<input type="hidden" name="locale" value="${escapeHtml(view.locale ?? '')}">
<label for="ec-email">${escapeHtml(t('form.email'))}</label>
<input type="email" id="ec-email" name="email" maxlength="254" autocomplete="email" required>
${name}
<div ${hidden} aria-hidden="true">
<label for="ec-${HONEYPOT_FIELD}">${escapeHtml(t('form.honeypot'))}</label>
<input type="text" id="ec-${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" tabindex="-1" autocomplete="off">
</div>
${consent}
${captchaWidget(t, view)}<button type="submit">${escapeHtml(t('form.submit'))}</button>
</form>`;
}

export function subscribeFormPage(locale: Locale, t: Translate, view: FormView): PageSpec {
  return {
    locale,
    title: view.name,
    body: formFields(t, view),
    formTargets: view.successOrigin ? [view.successOrigin] : [],
    ...(view.captcha ? { assets: { base: view.captcha.base, scripts: ['altcha.js'], styles: ['altcha.css'] } } : {}),
  };
}
