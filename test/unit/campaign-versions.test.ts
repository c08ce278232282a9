import { describe, expect, it } from 'vitest';
import {
  localeMatches,
  readVersions,
  versionContent,
  versionLocaleFor,
  versionLocaleSql,
} from '../../server/src/services/composing/versions';
import { acceptedLocale } from '../../server/src/pages/texts';
import { validateCreate, validatePreview } from '../../server/src/validation/campaigns';

const vi = { locale: 'vi', subject: 'Tin tức', mjml: '<mjml><mj-body></mj-body></mjml>' };
const ptBr = { locale: 'pt-BR', subject: 'Notícias' };
const pt = { locale: 'pt', subject: 'Notícias (pt)' };

describe('language versions of a campaign', () => {
  it('gives each person the version of their language, the most precise first, else the default', () => {
    const versions = [vi, pt, ptBr];
    expect(versionLocaleFor('vi', versions, 'en')).toBe('vi');
    expect(versionLocaleFor('VI-vn', versions, 'en')).toBe('vi');
    expect(versionLocaleFor('pt-BR', versions, 'en')).toBe('pt-BR');
    expect(versionLocaleFor('pt-PT', versions, 'en')).toBe('pt');
    expect(versionLocaleFor('fr', versions, 'en')).toBe('en');
    expect(versionLocaleFor(null, versions, 'en')).toBe('en');
    expect(versionLocaleFor('vi', [], null)).toBeNull();
    // `vie` is not `vi`: only a whole subtag matches.
    expect(localeMatches('vie', 'vi')).toBe(false);
  });

  it('makes the same choice in SQL, with every value bound', () => {
    const { sql, bindings } = versionLocaleSql('s.locale', [vi, ptBr], 'en');
    expect(sql).toBe(
      'case when lower(s.locale) = ? or lower(s.locale) like ? then ? when lower(s.locale) = ? or lower(s.locale) like ? then ? else ? end',
    );
    expect(bindings).toEqual(['pt-br', 'pt-br-%', 'pt-BR', 'vi', 'vi-%', 'vi', 'en']);
    expect(versionLocaleSql('s.locale', [], null)).toEqual({ sql: '?', bindings: [null] });
  });

  it('reads stored versions, leaving out malformed ones, and fills a version’s empty fields from the default', () => {
    expect(readVersions([vi, { locale: 'x y' }, null, 'vi', { subject: 'no locale' }])).toEqual([vi]);
    expect(readVersions(null)).toEqual([]);
    const base = { subject: 'News', preheader: 'Read on', mjml: '<mjml/>', entries: [{ title: 'A' }] };
    expect(versionContent(base, { locale: 'vi', subject: 'Tin tức' })).toEqual({ ...base, subject: 'Tin tức' });
    expect(versionContent(base, undefined)).toBe(base);
    // An emptied field is left empty, not blank: the default's counts; an empty list of entries is the version's own.
    expect(versionContent(base, { locale: 'vi', subject: '', mjml: null, entries: [] })).toEqual({
      ...base,
      entries: [],
    });
  });

  it('validates versions strictly: a locale code each, one per locale, no html, no unknown field', async () => {
    const create = (body: object) => validateCreate({ name: 'C', ...body });
    await expect(create({ defaultLocale: 'en', versions: [vi, ptBr], attachments: [1, 2] })).resolves.toMatchObject({
      versions: [vi, ptBr],
    });
    await expect(create({ versions: [vi, { ...vi, subject: 'again' }] })).rejects.toThrow(/one version per locale/);
    await expect(create({ versions: [{ locale: 'vi', html: '<p>' }] })).rejects.toThrow(/cannot be set here: html/);
    await expect(create({ versions: [{ locale: 'not a locale' }] })).rejects.toThrow(/locale code/);
    await expect(create({ versions: [{ subject: 'x' }] })).rejects.toThrow(/locale is a required field/);
    await expect(create({ attachments: [0] })).rejects.toThrow(/attachments/);
    await expect(create({ attachments: Array.from({ length: 21 }, (_, i) => i + 1) })).rejects.toThrow(/at most 20/);
    await expect(validatePreview({ mjml: '<mjml/>', locale: 'vi' })).resolves.toMatchObject({ locale: 'vi' });
  });
});

describe('the visitor’s language', () => {
  it('is the best language of Accept-Language the site has, or none', () => {
    expect(acceptedLocale('fr-FR,vi;q=0.8,en;q=0.5')).toBe('vi');
    expect(acceptedLocale('fr, de')).toBeNull();
    expect(acceptedLocale(undefined)).toBeNull();
  });
});
