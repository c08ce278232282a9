import { escapeHtml, type PageSpec } from './html';
import type { Locale, Translate } from './texts';

/** What the archive page shows: one list's published emails (services/archive). */
export interface ArchivePageData {
  listName: string;
  description: string | null;
  feedUrl: string;
  limit: number;
  items: Array<{ subject: string; date: Date; url: string }>;
}

/**
 * A list's public archive: its published emails, newest first, each linking to its copy, and a
 * note the copies' personal links lead to. See docs/architecture.md, "Engagement".
 */
export function archivePage(locale: Locale, t: Translate, data: ArchivePageData): PageSpec {
  // The day in UTC, spelled in the page's language: the same on every server.
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const items = data.items
    .map(
      (item) =>
        `<li><time datetime="${item.date.toISOString()}">${escapeHtml(day.format(item.date))}</time> · ` +
        `<a href="${escapeHtml(item.url)}">${escapeHtml(item.subject)}</a></li>`,
    )
    .join('\n');
  const description = data.description ? `<p>${escapeHtml(data.description)}</p>\n` : '';
  const intro = escapeHtml(t('archive.intro', { list: data.listName, limit: String(data.limit) }));
  return {
    locale,
    title: t('archive.title', { list: data.listName }),
    body: `${description}<p>${intro}</p>
${items ? `<ul class="archive">\n${items}\n</ul>` : `<p class="notice" role="status">${escapeHtml(t('archive.empty'))}</p>`}
<p><a href="${escapeHtml(data.feedUrl)}" type="application/atom+xml">${escapeHtml(t('archive.feed'))}</a></p>
<h2 id="personal-links">${escapeHtml(t('archive.personalLinks.title'))}</h2>
<p>${escapeHtml(t('archive.personalLinks.body'))}</p>`,
  };
}
