import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildAtomFeed, escapeXml, tagUri, type AtomFeed } from '../../server/src/services/archive/atom';
import { anonymousSubject, editionOf, type RenderableCampaign } from '../../server/src/services/archive/render';

const BASE = 'https://news.example.com/api/email-campaigns/archive/weekly';
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => name === 'entry' || name === 'link',
});

function feed(overrides: Partial<AtomFeed> = {}): AtomFeed {
  return {
    id: tagUri('news.example.com', new Date('2026-01-02T10:00:00Z'), 'email-campaigns/list/3'),
    title: 'Weekly & <Friends>',
    subtitle: 'Quotes "and" apostrophes \' too',
    author: 'Weekly & <Friends>',
    selfUrl: `${BASE}/feed.atom`,
    pageUrl: BASE,
    fallbackUpdated: new Date('2026-01-05T00:00:00Z'),
    entries: [
      {
        id: 'tag:news.example.com,2026-02-01:email-campaigns/campaign/8',
        title: 'Older',
        url: `${BASE}/8`,
        published: new Date('2026-02-01T09:00:00Z'),
        updated: new Date('2026-02-01T09:00:00Z'),
      },
      {
        id: 'tag:news.example.com,2026-03-01:email-campaigns/campaign/9',
        title: 'Fish & chips <b>bold</b> \u0007bell',
        url: `${BASE}/9?a=1&b=2`,
        published: new Date('2026-03-01T09:00:00Z'),
        updated: new Date('2026-03-01T09:00:00Z'),
      },
    ],
    ...overrides,
  };
}

describe('Atom builder', () => {
  it('writes well-formed RFC 4287 with escaped text and attributes, updated from the latest entry', () => {
    const xml = buildAtomFeed(feed());
    expect(XMLValidator.validate(xml)).toBe(true);
    const { feed: parsed } = parser.parse(xml);
    expect(parsed.xmlns).toBe('http://www.w3.org/2005/Atom');
    expect(parsed.id).toBe('tag:news.example.com,2026-01-02:email-campaigns/list/3');
    expect(parsed.title).toBe('Weekly & <Friends>');
    expect(parsed.subtitle).toBe('Quotes "and" apostrophes \' too');
    expect(parsed.author.name).toBe('Weekly & <Friends>');
    expect(parsed.updated).toBe('2026-03-01T09:00:00.000Z');
    expect(parsed.link).toEqual([
      { rel: 'self', type: 'application/atom+xml', href: `${BASE}/feed.atom` },
      { rel: 'alternate', type: 'text/html', href: BASE },
    ]);
    expect(parsed.entry).toHaveLength(2);
    const last = parsed.entry[1];
    // A control character has no place in XML 1.0: it is dropped, the rest kept as text.
    expect(last.title).toBe('Fish & chips <b>bold</b> bell');
    expect(last.link).toEqual([{ rel: 'alternate', type: 'text/html', href: `${BASE}/9?a=1&b=2` }]);
    for (const entry of parsed.entry) {
      expect(entry.id).toMatch(/^tag:news\.example\.com,\d{4}-\d{2}-\d{2}:/);
      expect(entry.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(entry.published).toBe(entry.updated);
    }
  });

  it('takes the fallback as updated when there are no entries, and leaves out an empty subtitle', () => {
    const xml = buildAtomFeed(feed({ entries: [], subtitle: null }));
    const { feed: parsed } = parser.parse(xml);
    expect(parsed.updated).toBe('2026-01-05T00:00:00.000Z');
    expect(parsed.entry).toBeUndefined();
    expect(xml).not.toContain('<subtitle>');
  });

  it('escapes the five XML characters and makes tag URIs from the day they were minted', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(tagUri('example.org', new Date('2026-12-31T23:59:59Z'), 'x/1')).toBe('tag:example.org,2026-12-31:x/1');
  });
});

describe('archive renders', () => {
  const campaign: RenderableCampaign = {
    id: 4,
    name: 'Weekly',
    subject: 'News for {{ subscriber.name | default: "our readers" }}: {{ entry.title }}',
    preheader: null,
    mjml: '<mjml></mjml>',
    html: '<p>default</p>',
    entries: JSON.stringify([{ title: 'Rain {{ subscriber.email }}' }]),
    versions: [{ locale: 'vi', subject: 'Tin', html: '<p>vi</p>' }],
    defaultLocale: 'en',
    abTest: { subjects: ['A', 'B {{ subscriber.name }}'] },
    updatedAt: '2026-03-01T00:00:00Z',
  };

  it("gives an anonymous reader's subject: no name, entry text kept as text; an A/B test's winner once decided", () => {
    expect(anonymousSubject(campaign)).toBe('News for our readers: Rain {{ subscriber.email }}');
    const decided = {
      ...campaign,
      abTest: { subjects: ['A', 'B for {{ subscriber.name | default: "all" }}'], winner: 2 },
    };
    expect(anonymousSubject(decided)).toBe('B for all');
    expect(editionOf(decided, null)?.subject).toBe('B for {{ subscriber.name | default: "all" }}');
  });

  it('picks the language version a row names, the default content for none or one since removed', () => {
    expect(editionOf(campaign, 'vi')).toMatchObject({ html: '<p>vi</p>', subject: 'Tin', lang: 'vi' });
    expect(editionOf(campaign, null)).toMatchObject({ html: '<p>default</p>', subject: campaign.subject, lang: 'en' });
    // A version since removed: the default content.
    expect(editionOf(campaign, 'fr')).toMatchObject({
      html: '<p>default</p>',
      subject: campaign.subject,
      lang: 'en',
    });
    expect(editionOf({ ...campaign, html: null }, null)).toBeNull();
  });
});
