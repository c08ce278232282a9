/**
 * Reading one CSV record into a subscriber: which column holds what, and whether the row is
 * usable. Pure, so every rule is unit-tested; the import service only streams and batches.
 */
import { cleanName, normalizeEmail } from './email-address';
import { unprotectCell } from './csv-cells';
import type { ImportMapping, SubscriberStatus } from '../../contracts';

export interface Columns {
  email: number;
  name?: number;
  locale?: number;
  status?: number;
  lists?: number;
  /** A column holding a JSON object of attributes, as our own export writes it. */
  attributesJson?: number;
  attributes: Array<[key: string, index: number]>;
}

export interface ImportRow {
  email: string;
  name: string | null;
  locale: string | null;
  status: SubscriberStatus | null;
  listSlugs: string[];
  attributes: Record<string, unknown> | null;
}

export type RowCheck = { ok: true; row: ImportRow } | { ok: false; reason: string };

// Header spellings recognised when no mapping is given.
const GUESSES: Record<'email' | 'name' | 'locale' | 'status' | 'lists' | 'attributesJson', RegExp> = {
  email: /^(e-?mail|e-?mail address|mail)$/i,
  name: /^(name|full name|fullname)$/i,
  locale: /^(locale|language|lang)$/i,
  status: /^status$/i,
  lists: /^lists?$/i,
  attributesJson: /^attributes$/i,
};
const STATUSES: SubscriberStatus[] = ['pending', 'subscribed', 'unsubscribed', 'bounced', 'complained'];
const LOCALE = /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i;
const MAX_ATTRIBUTE_LENGTH = 1000;

/** Column positions from the header line; throws an Error whose message is meant for the admin. */
export function resolveColumns(header: string[], mapping: ImportMapping = {}): Columns {
  const names = header.map((name) => name.trim().toLowerCase());
  const find = (name: string, field: string) => {
    const index = names.indexOf(name.trim().toLowerCase());
    if (index < 0) throw new Error(`The ${field} column "${name}" is not in the file's header.`);
    return index;
  };
  const guess = (pattern: RegExp) => {
    const index = names.findIndex((name) => pattern.test(name));
    return index < 0 ? undefined : index;
  };
  const pick = (field: 'name' | 'locale' | 'status' | 'lists') =>
    mapping[field] ? find(mapping[field]!, field) : guess(GUESSES[field]);

  const email = mapping.email ? find(mapping.email, 'email') : guess(GUESSES.email);
  if (email === undefined) throw new Error('No email column: name one in the mapping, or call the column "email".');
  return {
    email,
    name: pick('name'),
    locale: pick('locale'),
    status: pick('status'),
    lists: pick('lists'),
    attributesJson: guess(GUESSES.attributesJson),
    attributes: Object.entries(mapping.attributes ?? {}).map(([key, column]) => [
      key,
      find(column, `attribute "${key}"`),
    ]),
  };
}

export function readRow(record: string[], columns: Columns): RowCheck {
  const cell = (index: number | undefined) =>
    index === undefined ? '' : unprotectCell(String(record[index] ?? '').trim());

  const address = normalizeEmail(cell(columns.email));
  if (!address.ok) return { ok: false, reason: cell(columns.email) ? address.reason : 'The email address is missing.' };

  const statusText = cell(columns.status).toLowerCase();
  if (statusText && !STATUSES.includes(statusText as SubscriberStatus)) {
    return { ok: false, reason: `Unknown status "${statusText.slice(0, 40)}".` };
  }
  const locale = cell(columns.locale);
  if (locale && !LOCALE.test(locale)) return { ok: false, reason: `Unknown locale "${locale.slice(0, 40)}".` };

  const attributes = readAttributes(
    cell(columns.attributesJson),
    columns.attributes.map(([key, index]) => [key, cell(index)]),
  );
  if (attributes === false) return { ok: false, reason: 'The attributes column is not a JSON object.' };

  return {
    ok: true,
    row: {
      email: address.email,
      name: cleanName(cell(columns.name)),
      locale: locale ? locale.toLowerCase() : null,
      status: (statusText || null) as SubscriberStatus | null,
      listSlugs: cell(columns.lists)
        .split(/[;,|]/)
        .map((slug) => slug.trim())
        .filter(Boolean),
      attributes,
    },
  };
}

function readAttributes(json: string, mapped: Array<[string, string]>): Record<string, unknown> | null | false {
  let attributes: Record<string, unknown> = {};
  if (json) {
    try {
      attributes = JSON.parse(json);
    } catch {
      return false;
    }
    if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) return false;
  }
  for (const [key, value] of mapped) if (value) attributes[key] = value.slice(0, MAX_ATTRIBUTE_LENGTH);
  return Object.keys(attributes).length ? attributes : null;
}
