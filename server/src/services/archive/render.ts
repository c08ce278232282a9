/**
 * A campaign rendered outside the sender: for the person a web link names (their language version,
 * their A/B subject) or for an anonymous reader of the archive. Rendering goes through composing
 * directly, so nothing is tracked: links are rewritten only in the sender. See docs/architecture.md,
 * "Engagement" (View in browser and the archive).
 */
import type { CampaignEntry } from '../../contracts';
import { readJson } from '../../database/json';
import { prepareTemplate, renderSubject, type PreparedTemplate, type RecipientVars } from '../composing';
import { subjectEngine } from '../composing/engines';
import { readVersions, versionContent, type CampaignVersion } from '../composing/versions';
import { templateFields } from '../template-vars';

/** The campaign fields a rendering reads, as the Query Engine returns them. */
export interface RenderableCampaign {
  id: number;
  name: string | null;
  subject: string | null;
  preheader: string | null;
  mjml: string | null;
  html: string | null;
  entries: unknown;
  versions: unknown;
  defaultLocale: string | null;
  abTest: unknown;
  updatedAt: unknown;
}

/** One language of a campaign, with the subject its reader got. */
export interface Edition {
  /** What templates see as `campaign`. */
  fields: Record<string, unknown>;
  html: string;
  subject: string;
  entries: CampaignEntry[];
  /** The `lang` of the page; null: the reader's own. */
  lang: string | null;
}

/** The fields the archive's list and feed read: no template, which can weigh hundreds of kilobytes. */
export type ListedCampaign = Pick<
  RenderableCampaign,
  'id' | 'name' | 'subject' | 'preheader' | 'entries' | 'defaultLocale' | 'abTest'
>;

/** An A/B test's winning subject, once decided: what most of the list got, so what the archive shows. */
function winningSubject(abTest: unknown): string | null {
  const test = readJson(abTest) as { subjects?: unknown; winner?: unknown } | null;
  const subject =
    Array.isArray(test?.subjects) && typeof test.winner === 'number' ? test.subjects[test.winner - 1] : null;
  return typeof subject === 'string' ? subject : null;
}

/**
 * The edition a delivery row names: its language version (the default content when it names none
 * or one since removed). Null when the campaign was never compiled. A row's A/B variant changes only
 * the subject template, as in the sender (ab-test/subjects.ts).
 */
export function editionOf(campaign: RenderableCampaign, locale: string | null | undefined): Edition | null {
  const version = locale ? readVersions(readJson(campaign.versions)).find((v) => v.locale === locale) : undefined;
  const html = version ? version.html : campaign.html;
  if (!html) return null;
  return { ...defaultEdition(campaign, version), html };
}

/** The default content (or one version of it) without its HTML. */
function defaultEdition(campaign: ListedCampaign, version?: CampaignVersion): Omit<Edition, 'html'> {
  const base = { ...campaign, entries: (readJson(campaign.entries) as CampaignEntry[] | null) ?? [] };
  const content = versionContent(base, version);
  return {
    fields: templateFields({ ...content, id: campaign.id }),
    subject: winningSubject(campaign.abTest) ?? content.subject ?? '',
    entries: content.entries ?? [],
    lang: version ? version.locale : campaign.defaultLocale,
  };
}

/** Parsed once per edition: the HTML, the subject and the text part. */
export function prepareEdition(edition: Edition): PreparedTemplate {
  return prepareTemplate({ html: edition.html, subject: edition.subject, entries: edition.entries });
}

/**
 * The archive's reader: nobody's data, not even the stand-in's test address; templates'
 * `default` filters fill the blanks. Personal links lead to the archive's note about them.
 */
export function anonymousReader(
  edition: Omit<Edition, 'html'>,
  links: { personal: string; self: string },
): RecipientVars {
  return {
    subscriber: { id: 0, email: '', name: null, locale: edition.lang, attributes: {} },
    campaign: edition.fields,
    unsubscribe_url: links.personal,
    preferences_url: links.personal,
    web_url: links.self,
  };
}

/** The subject alone, for an anonymous reader: what the archive's list and feed show. */
export function anonymousSubject(campaign: ListedCampaign): string {
  const edition = defaultEdition(campaign);
  const entries = edition.entries as Record<string, unknown>[];
  const reader = anonymousReader(edition, { personal: '', self: '' });
  return renderSubject(subjectEngine.parse(edition.subject), reader, { entries, entry: entries[0] ?? null });
}
