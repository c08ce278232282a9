import { describe, expect, it } from 'vitest';
import { readRow, resolveColumns } from '../../server/src/services/audience/import-rows';
import { EXPORT_COLUMNS } from '../../server/src/services/audience/subscriber-export';
import { protectCell, unprotectCell } from '../../server/src/services/audience/csv-cells';

describe('resolveColumns', () => {
  it('recognises common header spellings without a mapping', () => {
    expect(resolveColumns(['Name', 'E-mail', 'Language', 'City'])).toEqual({
      email: 1,
      name: 0,
      locale: 2,
      status: undefined,
      lists: undefined,
      attributesJson: undefined,
      attributes: [],
    });
  });

  it('reads every column of our own export', () => {
    const columns = resolveColumns(EXPORT_COLUMNS);
    expect(columns).toMatchObject({ email: 0, name: 1, status: 2, lists: 3, locale: 4, attributesJson: 5 });
  });

  it('follows an explicit mapping, attribute columns included', () => {
    const columns = resolveColumns(['Adresse', 'Nom', 'Ville'], {
      email: 'adresse',
      name: 'Nom',
      attributes: { city: 'Ville' },
    });
    expect(columns).toMatchObject({ email: 0, name: 1, attributes: [['city', 2]] });
  });

  it('says which mapped column is missing, or that no email column exists', () => {
    expect(() => resolveColumns(['email'], { name: 'Full name' })).toThrow(
      'The name column "Full name" is not in the file\'s header.',
    );
    expect(() => resolveColumns(['first', 'last'])).toThrow(/No email column/);
  });
});

describe('readRow', () => {
  const columns = resolveColumns(['email', 'name', 'status', 'lists', 'locale', 'attributes', 'city'], {
    email: 'email',
    name: 'name',
    status: 'status',
    lists: 'lists',
    locale: 'locale',
    attributes: { city: 'city' },
  });

  it('reads a full row', () => {
    expect(
      readRow(
        [' An@Example.COM ', 'An  Nguyen', 'Subscribed', 'news; offers', 'vi', '{"plan":"pro"}', 'Hanoi'],
        columns,
      ),
    ).toEqual({
      ok: true,
      row: {
        email: 'an@example.com',
        name: 'An Nguyen',
        status: 'subscribed',
        listSlugs: ['news', 'offers'],
        locale: 'vi',
        attributes: { plan: 'pro', city: 'Hanoi' },
      },
    });
  });

  it('leaves out what the row does not say', () => {
    expect(readRow(['an@example.com'], columns)).toEqual({
      ok: true,
      row: { email: 'an@example.com', name: null, status: null, listSlugs: [], locale: null, attributes: null },
    });
  });

  it('undoes the formula protection of the export', () => {
    const check = readRow(['an@example.com', '\'=HYPERLINK("x")'], columns);
    expect(check.ok && check.row.name).toBe('=HYPERLINK("x")');
  });

  it.each([
    [['not-an-address'], 'not valid'],
    [[''], 'missing'],
    [['an@example.com', '', 'maybe'], 'Unknown status'],
    [['an@example.com', '', '', '', 'not a locale!'], 'Unknown locale'],
    [['an@example.com', '', '', '', '', '[1,2]'], 'JSON object'],
    [['an@example.com', '', '', '', '', '{broken'], 'JSON object'],
  ])('refuses %j', (record, reason) => {
    const check = readRow(record, columns);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toContain(reason);
  });
});

describe('CSV cells', () => {
  it('protects formula-looking cells and restores them exactly', () => {
    for (const value of ['=1+1', '+33 1', '-x', '@SUM(A1)', '\tx', 'plain', "'quoted", '']) {
      expect(unprotectCell(protectCell(value))).toBe(value);
    }
    expect(protectCell('=1+1')).toBe("'=1+1");
    expect(protectCell('plain')).toBe('plain');
  });
});
