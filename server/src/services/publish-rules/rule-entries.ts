/**
 * The entries of a rule's records as templates see them, through the `entryContent` service, in
 * the records' order; records whose entry is no longer published come back apart, to be dropped.
 */
import type { Core } from '@strapi/strapi';
import type { TemplateEntry } from '../content';
import { getService } from '../../utils/plugin';

export interface RecordRow {
  id: number;
  entryDocumentId: string;
  entryLocale: string;
}

export async function loadEntries<R extends RecordRow>(
  strapi: Core.Strapi,
  uid: string,
  records: R[],
): Promise<{ entries: TemplateEntry[]; present: R[]; missing: R[] }> {
  const found = new Map<string, TemplateEntry>();
  const locales = [...new Set(records.map((record) => record.entryLocale))];
  for (const locale of locales) {
    const ids = records.filter((record) => record.entryLocale === locale).map((record) => record.entryDocumentId);
    const loaded = await getService(strapi, 'entryContent').load(uid, ids, locale || null);
    for (const entry of loaded) found.set(`${locale}\u0000${entry.documentId}`, entry);
  }
  const keyOf = (record: R) => `${record.entryLocale}\u0000${record.entryDocumentId}`;
  const present = records.filter((record) => found.has(keyOf(record)));
  return {
    entries: present.map((record) => found.get(keyOf(record)) as TemplateEntry),
    present,
    missing: records.filter((record) => !found.has(keyOf(record))),
  };
}
