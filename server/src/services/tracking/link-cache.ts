/**
 * Tracked links as the click route needs them, from memory (docs/architecture.md, "Engagement",
 * "Hits answer from memory"): a link row by id (its campaign and URL) and a campaign's number of
 * links (for the burst rule). A miss reads one row by primary key, or one count; concurrent misses
 * of the same key share that read. Both maps are bounded, least recently used out first.
 *
 * A link row never changes once written (unique by campaign and URL), so a cached row stays
 * true; a campaign's count can grow when a new version adds links, so it is read again after
 * `COUNT_TTL_MS`.
 */
import type { Core } from '@strapi/strapi';
import { UID } from '../../constants';

export interface CachedLink {
  campaignId: number;
  url: string;
}

const COUNT_TTL_MS = 60_000;

/** A Map that keeps at most `max` entries, dropping the least recently used. */
class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V) {
    this.map.delete(key);
    this.map.set(key, value);
    for (const oldest of this.map.keys()) {
      if (this.map.size <= this.max) break;
      this.map.delete(oldest);
    }
  }

  delete(key: K) {
    this.map.delete(key);
  }
}

export function createLinkCache(strapi: Core.Strapi, { maxLinks = 10_000, maxCampaigns = 1_000 } = {}) {
  const links = new Lru<number, Promise<CachedLink | null>>(maxLinks);
  const counts = new Lru<number, { at: number; count: Promise<number> }>(maxCampaigns);

  return {
    /** The link row, or null when there is none. A failed read is not kept. */
    link(id: number): Promise<CachedLink | null> {
      const known = links.get(id);
      if (known) return known;
      const read = strapi.db
        .query(UID.campaignLink)
        .findOne({ where: { id }, select: ['campaignId', 'url'] })
        .then((row: { campaignId: number | string; url: string } | null) => {
          // Not kept: a link written a moment later must be found then.
          if (!row) links.delete(id);
          return row ? { campaignId: Number(row.campaignId), url: row.url } : null;
        });
      links.set(id, read);
      read.catch(() => links.delete(id));
      return read;
    },

    /** How many tracked links the campaign has. */
    linkCount(campaignId: number, nowMs: number): Promise<number> {
      const known = counts.get(campaignId);
      if (known && nowMs - known.at < COUNT_TTL_MS) return known.count;
      const count = strapi.db.query(UID.campaignLink).count({ where: { campaignId } }).then(Number);
      counts.set(campaignId, { at: nowMs, count });
      count.catch(() => counts.delete(campaignId));
      return count;
    },
  };
}

export type LinkCache = ReturnType<typeof createLinkCache>;
