import { escapeHtml, type PageSpec } from './html';
import type { Locale, Translate } from './texts';

export interface PreferenceChoice {
  slug: string;
  name: string;
  description?: string | null;
  subscribed: boolean;
}

/** The tracking choice, offered only where the site tracks (docs/architecture.md, "Engagement"). */
export interface TrackingChoice {
  optOut: boolean;
  /** The site never records who opened or clicked: the page says so instead of "we may record". */
  aggregateOnly: boolean;
}

/** The checkbox, and the hidden field saying the page asked (an unticked box sends nothing). */
function trackingFieldset(t: Translate, tracking: TrackingChoice): string {
  const help = t(tracking.aggregateOnly ? 'preferences.tracking.aggregate' : 'preferences.tracking.people');
  return `<fieldset>
<legend>${escapeHtml(t('preferences.tracking.legend'))}</legend>
<p><small>${escapeHtml(help)}</small></p>
<input type="hidden" name="tracking" value="asked">
<label class="choice" for="tracking-opt-out"><input type="checkbox" id="tracking-opt-out" name="trackingOptOut" value="yes"${tracking.optOut ? ' checked' : ''}> <span>${escapeHtml(t('preferences.tracking.optOut'))}</span></label>
</fieldset>
`;
}

/**
 * Lists to tick, a save button, and "unsubscribe from everything" as a separate form. Without
 * `tracking` (the site does not track) the page says nothing about tracking.
 */
export function preferencesPage(
  locale: Locale,
  t: Translate,
  view: {
    token: string;
    maskedEmail: string;
    choices: PreferenceChoice[];
    saved?: boolean;
    tracking?: TrackingChoice;
  },
): PageSpec {
  const action = `?token=${escapeHtml(encodeURIComponent(view.token))}`;
  const saved = view.saved ? `<p class="notice" role="status">${escapeHtml(t('preferences.saved'))}</p>\n` : '';
  const choices = view.choices.length
    ? view.choices
        .map((choice, index) => {
          const id = `list-${index}`;
          const description = choice.description ? `<small>${escapeHtml(choice.description)}</small>` : '';
          return `<label class="choice" for="${id}"><input type="checkbox" id="${id}" name="lists" value="${escapeHtml(choice.slug)}"${choice.subscribed ? ' checked' : ''}> <span>${escapeHtml(choice.name)}${description}</span></label>`;
        })
        .join('\n')
    : `<p>${escapeHtml(t('preferences.none'))}</p>`;
  return {
    locale,
    title: t('preferences.title'),
    body: `${saved}<p>${escapeHtml(t('preferences.intro', { email: view.maskedEmail }))}</p>
<form method="post" action="${action}">
<input type="hidden" name="action" value="save">
<fieldset>
<legend class="visually-hidden">${escapeHtml(t('preferences.title'))}</legend>
${choices}
</fieldset>
${view.tracking ? trackingFieldset(t, view.tracking) : ''}<button type="submit">${escapeHtml(t('preferences.save'))}</button>
</form>
<form method="post" action="${action}">
<input type="hidden" name="action" value="unsubscribe">
<button type="submit" class="secondary">${escapeHtml(t('preferences.unsubscribeAll'))}</button>
</form>`,
  };
}
