import { escapeHtml } from './html';
import type { Translate } from './texts';

/** The mail that carries a fresh preferences link, asked for from an expired one. No text a visitor typed. */
export function preferencesLinkMail(t: Translate, preferencesUrl: string) {
  const subject = t('mail.preferences.subject');
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#222">
<p>${escapeHtml(t('mail.preferences.body'))}</p>
<p><a href="${escapeHtml(preferencesUrl)}" style="display:inline-block;padding:12px 20px;background:#2f5bd3;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold">${escapeHtml(t('mail.preferences.button'))}</a></p>
<p style="font-size:14px;color:#555">${escapeHtml(t('mail.preferences.ignore'))}</p>
</body></html>`;
  const text = [
    t('mail.preferences.body'),
    '',
    `${t('mail.preferences.button')}: ${preferencesUrl}`,
    '',
    t('mail.preferences.ignore'),
  ].join('\n');
  return { subject, html, text };
}
