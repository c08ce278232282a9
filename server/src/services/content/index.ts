import type { Core } from '@strapi/strapi';
import { publicBase } from '../links';
import { shapeEntry } from './entry-shape';
import { populateFields } from './populate';
import type { Attribute, SchemaLookup } from './schema';

/** An entry as templates see it under `entry` and in `entries`. */
export type TemplateEntry = Record<string, unknown> & { uid: string; documentId: string; locale?: string | null };

/** Whether `uid` names one of the site's collection types with Draft & Publish or without. */
export function isSiteCollectionType(strapi: Core.Strapi, uid: string): boolean {
  const model = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as { kind?: string } | undefined;
  return uid.startsWith('api::') && model?.kind === 'collectionType';
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
    async load(uid: string, documentIds: string[], locale?: string | null): Promise<TemplateEntry[]> {
      if (documentIds.length === 0) return [];
      if (!isSiteCollectionType(strapi, uid)) throw new Error(`${uid} is not a collection type of the site`);
      const documents = strapi.documents(uid as Parameters<typeof strapi.documents>[0]);
      const found = (await documents.findMany({
        filters: { documentId: { $in: documentIds } },
        status: 'published',
        ...(locale ? { locale } : {}),
        populate: populateFields(schemaOf(uid), schemaOf),
      } as Parameters<typeof documents.findMany>[0])) as Array<Record<string, unknown> & { documentId: string }>;
      const context = { schemaOf, base: publicBase(strapi) };
      const byId = new Map(found.map((entry) => [entry.documentId, entry]));
      return documentIds.flatMap((id) => {
        const entry = byId.get(id);
        return entry ? [{ ...shapeEntry(entry, uid, context), uid, documentId: id }] : [];
      });
    },
  };
};
