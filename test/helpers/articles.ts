/**
 * Articles of the test app with everything templates may print: a cover image, an author with an
 * avatar, blocks content, a Markdown summary, a quote component and a dynamic zone.
 */
import type { Core } from '@strapi/strapi';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { solidPng } from './png';

type Json = any;

export const ARTICLE = 'api::article.article';
export const AUTHOR = 'api::author.author';

/** A PNG in the Media Library (local provider), with its alternative text. */
export async function uploadPng(strapi: Core.Strapi, name: string, alternativeText: string, width = 400) {
  const dir = await mkdtemp(path.join(tmpdir(), 'ec-png-'));
  try {
    const filepath = path.join(dir, name);
    const bytes = solidPng(width, Math.round((width * 2) / 3), [41, 98, 255]);
    await writeFile(filepath, bytes);
    const [file] = await strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: { fileInfo: { name, alternativeText } },
        files: { filepath, originalFilename: name, mimetype: 'image/png', size: bytes.length },
      });
    return file as Json;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const text = (value: string, marks: Record<string, boolean> = {}) => ({ type: 'text', text: value, ...marks });

const BLOCK_IMAGE_FIELDS = ['name', 'alternativeText', 'url', 'caption', 'width', 'height', 'formats', 'hash', 'ext'];
const blockImage = (file: Json) =>
  Object.fromEntries(
    [...BLOCK_IMAGE_FIELDS, 'mime', 'size', 'previewUrl', 'provider', 'createdAt', 'updatedAt'].map((key) => [
      key,
      key === 'createdAt' || key === 'updatedAt' ? new Date(file[key]).toISOString() : file[key],
    ]),
  );

/** Blocks content with a heading, a bold word, a link, a list and an image. */
export function richBlocks(image: Json, paragraph = 'The harbour opens on Monday.') {
  return [
    { type: 'heading', level: 2, children: [text('What changes')] },
    {
      type: 'paragraph',
      children: [
        text(paragraph),
        text(' Really', { bold: true }),
        text(' — '),
        { type: 'link', url: 'https://example.com/harbour', children: [text('read the plan')] },
      ],
    },
    {
      type: 'list',
      format: 'unordered',
      children: [{ type: 'list-item', children: [text('New quays')] }],
    },
    // The blocks editor keeps the whole file, as the Media Library answers it.
    { type: 'image', image: blockImage(image), children: [text('')] },
  ];
}

/** An author with an avatar, and a published article by them with every kind of field. */
export async function createRichArticle(
  strapi: Core.Strapi,
  { title = 'Harbour news', summary = 'A **new** harbour.', paragraph = 'The harbour opens on Monday.' } = {},
) {
  const avatar = await uploadPng(strapi, `avatar-${Date.now()}.png`, 'Portrait of Ada', 300);
  const cover = await uploadPng(strapi, `cover-${Date.now()}.png`, 'The harbour at dawn');
  const author = await strapi.documents(AUTHOR).create({ data: { name: 'Ada Writer', avatar: avatar.id } as Json });
  const article = await strapi.documents(ARTICLE).create({
    data: {
      title,
      body: 'Plain body',
      category: 'news',
      cover: cover.id,
      summary,
      content: richBlocks(cover, paragraph),
      author: author.documentId,
      quote: { text: 'Ships come home', by: 'The harbour master' },
      sections: [
        { __component: 'shared.quote', text: 'Zone quote', by: 'Zone author' },
        { __component: 'shared.link', label: 'Timetable', url: 'https://example.com/timetable' },
      ],
    } as Json,
    status: 'published',
  } as Json);
  return { article: article as Json, author: author as Json, cover, avatar };
}
