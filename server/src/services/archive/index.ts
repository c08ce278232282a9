/**
 * View in browser and the public archive (service `archive`): a person's message behind a signed
 * web link, a list's public campaigns for anonymous readers, and their Atom feed. Nothing here is
 * tracked or written. See docs/architecture.md, "Engagement" (View in browser and the archive).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { TABLES, UID } from '../../constants';
import { knex } from '../../database/connection';
import { getService } from '../../utils/plugin';
import { renderMessage, type PreparedTemplate } from '../composing';
import { publicBase } from '../links';
import { parseVariantSubjects, withVariantSubject } from '../ab-test/subjects';
import { buildAtomFeed, tagUri } from './atom';
import {
  anonymousReader,
  anonymousSubject,
  editionOf,
  prepareEdition,
  type Edition,
  type ListedCampaign,
  type RenderableCampaign,
} from './render';

/** The newest this many public campaigns are listed and in the feed; older ones stay reachable by address. */
export const ARCHIVE_LIMIT = 50;
/** Campaigns that went out to their lists: not drafts, scheduled, paused, A/B testing or cancelled ones. */
const LISTED_STATUSES = ['sending', 'sent'];
const RENDER_FIELDS = [
  'id',
  'name',
  'subject',
  'preheader',
  'mjml',
  'html',
  'entries',
  'versions',
  'defaultLocale',
  'abTest',
  'updatedAt',
];
const LISTING_FIELDS = [
  'id',
  'name',
  'subject',
  'preheader',
  'entries',
  'defaultLocale',
  'abTest',
  'startedAt',
  'createdAt',
];
const SLUG = /^[a-z0-9][a-z0-9-]{0,190}$/i;
const CACHE_SIZE = 100;

export type WebView =
  | { outcome: 'invalid' }
  | { outcome: 'gone'; locale: string | null }
  | { outcome: 'ok'; html: string; locale: string | null };

export interface ArchiveItem {
  id: number;
  subject: string;
  /** When it started going out. */
  date: Date;
  /** When it was created: the day its feed entry's `tag:` id was minted. */
  created: Date;
  url: string;
}

export interface ArchiveListing {
  list: { id: number; name: string; slug: string; description: string | null };
  items: ArchiveItem[];
  pageUrl: string;
  feedUrl: string;
  listCreatedAt: Date;
  listUpdatedAt: Date;
}

/** A map that forgets its oldest entry past `size`: renders are cheap to redo, memory is not free. */
function boundedCache<T>(size: number) {
  const entries = new Map<string, T>();
  return {
    get: (key: string) => entries.get(key),
    set(key: string, value: T) {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > size) entries.delete(entries.keys().next().value as string);
      return value;
    },
  };
}

const dateOf = (value: unknown): Date => new Date(value as string | number | Date);

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const links = () => getService(strapi, 'links');
  const archiveBase = () => `${publicBase(strapi)}/api/email-campaigns/archive`;
  // Keyed by campaign, saved version and edition: an edit makes a new key, the old one ages out.
  const templates = boundedCache<PreparedTemplate>(CACHE_SIZE);
  const copies = boundedCache<string>(CACHE_SIZE);

  function prepared(campaign: RenderableCampaign, edition: Edition, key: string): PreparedTemplate {
    const cacheKey = `${campaign.id}:${String(campaign.updatedAt)}:${key}`;
    return templates.get(cacheKey) ?? templates.set(cacheKey, prepareEdition(edition));
  }

  const findCampaign = (where: Record<string, unknown>): Promise<RenderableCampaign | null> =>
    strapi.db.query(UID.campaign).findOne({ where, select: RENDER_FIELDS });

  /** A list whose archive is public, by its slug; null for an unknown or private one. */
  async function publicList(slug: unknown) {
    if (typeof slug !== 'string' || !SLUG.test(slug)) return null;
    return strapi.db.query(UID.list).findOne({
      where: { slug, public: true },
      select: ['id', 'name', 'slug', 'description', 'createdAt', 'updatedAt'],
    });
  }

  /** A public list's public campaigns that went out, the newest first; null for an unknown or private list. */
  async function listing(slug: unknown): Promise<ArchiveListing | null> {
    const list = await publicList(slug);
    if (!list) return null;
    const rows: Array<ListedCampaign & { startedAt: unknown; createdAt: unknown }> = await strapi.db
      .query(UID.campaign)
      .findMany({
        where: listedIn(list.id),
        select: LISTING_FIELDS,
        orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
        limit: ARCHIVE_LIMIT,
      });
    const pageUrl = `${archiveBase()}/${list.slug}`;
    return {
      list: { id: list.id, name: list.name, slug: list.slug, description: list.description ?? null },
      items: rows.map((row) => ({
        id: row.id,
        subject: anonymousSubject(row),
        date: dateOf(row.startedAt ?? row.createdAt),
        created: dateOf(row.createdAt),
        url: `${pageUrl}/${row.id}`,
      })),
      pageUrl,
      feedUrl: `${pageUrl}/feed.atom`,
      listCreatedAt: dateOf(list.createdAt),
      listUpdatedAt: dateOf(list.updatedAt),
    };
  }

  /** Public campaigns of one list that went out; series steps are personal mail, never listed. */
  function listedIn(listId: number) {
    return { public: true, status: { $in: LISTED_STATUSES }, seriesId: { $null: true }, lists: { id: listId } };
  }

  return {
    listing,

    /** The message a web link names, rendered as its person got it, without tracking. */
    async webView(token: unknown): Promise<WebView> {
      const check = links().verify(token, 'web');
      if (!check.ok) return { outcome: 'invalid' };
      const { sub, campaign: campaignId } = check.payload;
      const [campaign, person, row] = await Promise.all([
        findCampaign({ id: campaignId }),
        strapi.db.query(UID.subscriber).findOne({
          where: { id: sub },
          select: ['id', 'email', 'name', 'locale', 'attributes'],
        }),
        knex(strapi)(TABLES.deliveries)
          .where({ campaign_id: campaignId, subscriber_id: sub, kind: 'campaign' })
          .first('locale', 'variant') as Promise<{ locale: string | null; variant: number | null } | undefined>,
      ]);
      const edition = campaign && person && row ? editionOf(campaign, row.locale) : null;
      if (!campaign || !person || !edition) return { outcome: 'gone', locale: person?.locale ?? null };
      const variants = parseVariantSubjects(campaign.abTest);
      const template = withVariantSubject(
        prepared(campaign, edition, row?.locale ?? ''),
        variants,
        row?.variant ?? null,
      );
      // As the sender builds a person's values (campaign-messages), so the page is the mail.
      const recipient = { ...(person.attributes ?? {}), ...person, id: Number(person.id) };
      const message = renderMessage(
        template,
        {
          subscriber: recipient,
          campaign: edition.fields,
          unsubscribe_url: links().unsubscribeUrl(recipient.id, campaign.id),
          preferences_url: links().preferencesUrl(recipient.id),
          web_url: links().webUrl(recipient.id, campaign.id),
        },
        edition.lang,
      );
      return { outcome: 'ok', html: message.html, locale: person.locale ?? null };
    },

    /** A listed campaign rendered for an anonymous reader; null when it is not in that list's archive. */
    async copy(slug: unknown, campaignId: unknown): Promise<string | null> {
      const id = typeof campaignId === 'string' && /^[1-9]\d{0,14}$/.test(campaignId) ? Number(campaignId) : null;
      if (id === null) return null;
      const list = await publicList(slug);
      const campaign = list && (await findCampaign({ id, ...listedIn(list.id) }));
      const edition = campaign ? editionOf(campaign, null) : null;
      if (!list || !campaign || !edition) return null;
      const key = `${campaign.id}:${String(campaign.updatedAt)}:${list.slug}`;
      const cached = copies.get(key);
      if (cached) return cached;
      const pageUrl = `${archiveBase()}/${list.slug}`;
      const reader = anonymousReader(edition, { personal: `${pageUrl}#personal-links`, self: `${pageUrl}/${id}` });
      return copies.set(key, renderMessage(prepared(campaign, edition, 'archive'), reader, edition.lang).html);
    },

    /** The Atom feed of a list's archive; null for an unknown or private list. */
    async feed(slug: unknown): Promise<string | null> {
      const found = await listing(slug);
      if (!found) return null;
      const host = new URL(publicBase(strapi)).hostname;
      return buildAtomFeed({
        id: tagUri(host, found.listCreatedAt, `email-campaigns/list/${found.list.id}`),
        title: found.list.name,
        subtitle: found.list.description,
        author: found.list.name,
        selfUrl: found.feedUrl,
        pageUrl: found.pageUrl,
        fallbackUpdated: found.listUpdatedAt,
        entries: found.items.map((item) => ({
          id: tagUri(host, item.created, `email-campaigns/campaign/${item.id}`),
          title: item.subject,
          url: item.url,
          published: item.date,
          updated: item.date,
        })),
      });
    },

    /** Lists or unlists a campaign, in any status: nothing that was sent changes. */
    async setPublic(id: number, value: boolean) {
      const updated = await strapi.db.query(UID.campaign).update({ where: { id }, data: { public: value } });
      if (!updated) throw new errors.NotFoundError(`Campaign ${id} not found`);
      return { campaign: await getService(strapi, 'campaigns').findOne(id), errors: [] };
    },
  };
};
