import { describe, expect, it } from 'vitest';
import { shapeEntry } from '../../server/src/services/content/entry-shape';
import { populateFields } from '../../server/src/services/content/populate';
import type { Attribute, SchemaLookup } from '../../server/src/services/content/schema';

const SCHEMAS: Record<string, Record<string, Attribute>> = {
  'api::article.article': {
    title: { type: 'string' },
    secret: { type: 'string', private: true },
    summary: { type: 'richtext' },
    cover: { type: 'media', multiple: false },
    gallery: { type: 'media', multiple: true },
    author: { type: 'relation', relation: 'manyToOne', target: 'api::author.author' },
    createdBy: { type: 'relation', relation: 'oneToOne', target: 'admin::user' },
    quotes: { type: 'component', repeatable: true, component: 'shared.quote' },
    sections: { type: 'dynamiczone', components: ['shared.quote', 'shared.link'] },
  },
  'api::author.author': {
    name: { type: 'string' },
    password: { type: 'password' },
    avatar: { type: 'media', multiple: false },
    articles: { type: 'relation', relation: 'oneToMany', target: 'api::article.article' },
    quote: { type: 'component', component: 'shared.quote' },
  },
  'shared.quote': { text: { type: 'text' }, by: { type: 'string' } },
  'shared.link': { label: { type: 'string' }, url: { type: 'string' } },
};
const schemaOf: SchemaLookup = (uid) => SCHEMAS[uid];
const context = { schemaOf, base: 'http://127.0.0.1:1337' };

describe('populate', () => {
  it('asks for media, relations with their media only, components and each zone component', () => {
    expect(populateFields(SCHEMAS['api::article.article'], schemaOf)).toEqual({
      cover: true,
      gallery: true,
      author: { populate: { avatar: true } },
      quotes: true,
      sections: { on: { 'shared.quote': true, 'shared.link': true } },
    });
  });
});

describe('shapeEntry', () => {
  const source = {
    id: 1,
    documentId: 'abc',
    publishedAt: '2026-01-01T00:00:00.000Z',
    title: 'Hello',
    secret: 'hidden',
    summary: '**Hi**',
    cover: { url: '/uploads/c.png', alternativeText: 'C', formats: null },
    gallery: [{ url: '/uploads/g.png' }],
    author: {
      id: 2,
      documentId: 'auth',
      name: 'Ada',
      password: 'hash',
      avatar: { url: '/uploads/a.png', alternativeText: 'Ada' },
      articles: [{ title: 'deeper' }],
      quote: { text: 'deeper' },
    },
    createdBy: { email: 'admin@example.com' },
    quotes: [{ id: 5, text: 'Q', by: 'B', extra: 'x' }],
    sections: [
      { __component: 'shared.link', id: 7, label: 'L', url: 'https://a.example' },
      { __component: 'plugin.unknown', id: 8 },
    ],
    unexpected: 'not in the schema',
  };
  const shaped = shapeEntry(source, 'api::article.article', context);

  it('keeps schema fields and system fields, never private fields, passwords or admin users', () => {
    expect(shaped).toMatchObject({ id: 1, documentId: 'abc', title: 'Hello', summary: '<p><strong>Hi</strong></p>' });
    expect(shaped).not.toHaveProperty('secret');
    expect(shaped).not.toHaveProperty('createdBy');
    expect(shaped).not.toHaveProperty('unexpected');
    expect(JSON.stringify(shaped)).not.toContain('admin@example.com');
    expect(JSON.stringify(shaped)).not.toContain('hash');
  });

  it('gives media with absolute URLs, single and multiple', () => {
    expect(shaped.cover).toMatchObject({ url: 'http://127.0.0.1:1337/uploads/c.png', alternativeText: 'C' });
    expect(shaped.gallery).toEqual([expect.objectContaining({ url: 'http://127.0.0.1:1337/uploads/g.png' })]);
  });

  it('gives a relation one level deep: its fields and media, not its relations or components', () => {
    expect(shaped.author).toEqual({
      id: 2,
      documentId: 'auth',
      name: 'Ada',
      avatar: expect.objectContaining({ url: 'http://127.0.0.1:1337/uploads/a.png', alternativeText: 'Ada' }),
    });
  });

  it('gives repeatable components and zone items with their __component', () => {
    expect(shaped.quotes).toEqual([{ id: 5, text: 'Q', by: 'B' }]);
    expect(shaped.sections).toEqual([{ __component: 'shared.link', id: 7, label: 'L', url: 'https://a.example' }]);
  });
});
