import type { Core } from '@strapi/strapi';

/** An entry as templates see it under `entry` and in `entries`. */
export type TemplateEntry = Record<string, unknown> & { uid: string; documentId: string; locale?: string | null };

/**
 * The site's published content as templates see it (see docs/architecture.md, "Content in templates").
 * Entries come back in the order of `documentIds`; one deleted or unpublished is left out.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async load(uid: string, documentIds: string[], locale?: string | null): Promise<TemplateEntry[]> {
    if (documentIds.length === 0) return [];
    const documents = strapi.documents(uid as Parameters<typeof strapi.documents>[0]);
    const found = (await documents.findMany({
      filters: { documentId: { $in: documentIds } },
      status: 'published',
      ...(locale ? { locale } : {}),
      populate: '*',
    })) as Array<Record<string, unknown> & { documentId: string }>;
    const byId = new Map(found.map((entry) => [entry.documentId, entry]));
    return documentIds.flatMap((id) => {
      const entry = byId.get(id);
      return entry ? [{ ...entry, uid, documentId: id }] : [];
    });
  },
});
