import type { Core } from '@strapi/strapi';
import { publicBase } from '../links';
import { shapeEntry } from './entry-shape';
import { populateFields } from './populate';
import type { Attribute, SchemaLookup } from './schema';

/** An entry as templates see it under `entry` and in `entries`. */
export type TemplateEntry = Record<string, unknown> & { uid: string; documentId: string; locale?: string | null };

type RawEntry = Record<string, unknown> & { documentId: string };

/** How an admin reads: only the entries their conditions allow, and only the fields they may read. */
export interface ReadAs {
  filters?: Record<string, unknown>;
  sanitize?: (entry: RawEntry) => Promise<Record<string, unknown>>;
}

interface ModelInfo {
  kind?: string;
  pluginOptions?: { i18n?: { localized?: boolean } };
}

const modelOf = (strapi: Core.Strapi, uid: string) =>
  strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as ModelInfo | undefined;

/** Whether `uid` names one of the site's collection types with Draft & Publish or without. */
export function isSiteCollectionType(strapi: Core.Strapi, uid: string): boolean {
  return uid.startsWith('api::') && modelOf(strapi, uid)?.kind === 'collectionType';
}

/**
 * The site's published content as templates see it (see docs/architecture.md, "Content in templates").
 * Entries come back in the order of `documentIds`; one deleted or unpublished is left out.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const schemaOf: SchemaLookup = (uid) =>
    (strapi.getModel(uid as Parameters<typeof strapi.getModel>[0]) as { attributes?: Record<string, Attribute> })
      ?.attributes;

  return {
    async load(
      uid: string,
      documentIds: string[],
      locale?: string | null,
      readAs: ReadAs = {},
    ): Promise<TemplateEntry[]> {
      if (documentIds.length === 0) return [];
      if (!isSiteCollectionType(strapi, uid)) throw new Error(`${uid} is not a collection type of the site`);
      const documents = strapi.documents(uid as Parameters<typeof strapi.documents>[0]);
      const found = (await documents.findMany({
        filters: { $and: [{ documentId: { $in: documentIds } }, ...(readAs.filters ? [readAs.filters] : [])] },
        status: 'published',
        // A type without i18n has one version of each entry, whatever language the campaign is in.
        ...(locale && modelOf(strapi, uid)?.pluginOptions?.i18n?.localized ? { locale } : {}),
        populate: populateFields(schemaOf(uid), schemaOf),
      } as Parameters<typeof documents.findMany>[0])) as RawEntry[];
      const context = { schemaOf, base: publicBase(strapi) };
      const { sanitize } = readAs;
      const readable = sanitize
        ? await Promise.all(found.map(async (entry) => ({ ...(await sanitize(entry)), documentId: entry.documentId })))
        : found;
      const byId = new Map(readable.map((entry) => [entry.documentId, entry]));
      return documentIds.flatMap((id) => {
        const entry = byId.get(id);
        return entry ? [{ ...shapeEntry(entry, uid, context), uid, documentId: id }] : [];
      });
    },
  };
};
