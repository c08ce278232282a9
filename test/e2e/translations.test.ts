/**
 * Every string the admin shows goes through react-intl: each `t('key', 'English')` in
 * admin/src has its key in translations/en.json with the same text, and vi.json translates
 * every key with the same ICU placeholders.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ADMIN_SRC = path.resolve(__dirname, '..', '..', 'admin', 'src');
const read = (locale: string): Record<string, string> =>
  JSON.parse(readFileSync(path.join(ADMIN_SRC, 'translations', `${locale}.json`), 'utf8'));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return /\.tsx?$/.test(name) ? [file] : [];
  });
}

/** `t('id', 'text')` calls, and `{ id: '...', label|text: '...' }` tables of translated items. */
function usedMessages(): Map<string, string> {
  const used = new Map<string, string>();
  const call = /\bt\(\s*'([^']+)',\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/g;
  const table = /id: '([^']+)',\s*(?:label|text): (?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/g;
  for (const file of sources(ADMIN_SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of [call, table]) {
      for (const match of text.matchAll(pattern)) used.set(match[1], (match[2] ?? match[3]).replace(/\\'/g, "'"));
    }
  }
  return used;
}

const placeholders = (message: string) =>
  [...new Set([...message.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]))].sort();

describe('admin translations', () => {
  const en = read('en');
  const vi = read('vi');

  it('has every message of the code in English, with the text the code gives', () => {
    const used = usedMessages();
    expect(used.size).toBeGreaterThan(200);
    for (const [id, text] of used) expect({ id, text: en[id] }).toEqual({ id, text });
  });

  it('translates every English message into Vietnamese with the same placeholders', () => {
    expect(Object.keys(vi).sort()).toEqual(Object.keys(en).sort());
    for (const [id, text] of Object.entries(en)) {
      expect({ id, placeholders: placeholders(vi[id]) }).toEqual({ id, placeholders: placeholders(text) });
    }
  });
});
