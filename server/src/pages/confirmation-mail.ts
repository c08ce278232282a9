import { escapeHtml } from './html';
import type { Translate } from './texts';

/**
 * Only what the site wrote: the mail goes to whatever address a visitor typed, so nothing else the
 * visitor typed (a name, say) may appear in it, or the form becomes a way to mail strangers a
 * message of one's choosing ("list bombing").
 */
export interface ConfirmationMailView {
  listNames: string[];
  confirmUrl: string;
  /** The language the mail is written in, for `<html lang>`. */
  locale?: string;
}

/** The confirmation mail: a short message, one button, and the same words as plain text. */
export function confirmationMail(t: Translate, view: ConfirmationMailView) {
  const greeting = t('mail.confirm.greeting');
  const body = t('mail.confirm.body', { lists: view.listNames.join(', ') });
  const subject = t('mail.confirm.subject');
  const html = `<!doctype html>
<html lang="${escapeHtml(view.locale ?? 'en')}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#222">
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(body)}</p>
<p><a href="${escapeHtml(view.confirmUrl)}" style="display:inline-block;padding:12px 20px;background:#2f5bd3;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold">${escapeHtml(t('mail.confirm.button'))}</a></p>
<p style="font-size:14px;color:#555">${escapeHtml(t('mail.confirm.expiry'))} ${escapeHtml(t('mail.confirm.ignore'))}</p>
</body></html>`;
  const text = [
    greeting,
    '',
    body,
    '',
    `${t('mail.confirm.button')}: ${view.confirmUrl}`,
    '',
    t('mail.confirm.expiry'),
    t('mail.confirm.ignore'),
  ].join('\n');
  return { subject, html, text };
}
