/**
 * Attachments: files of Strapi's Media Library (the upload plugin) sent with every message of a
 * campaign. The plugin reads the bytes itself and hands nodemailer `content` buffers, so the
 * transport keeps its file and URL access off (transport.ts). The sender reads them once per
 * campaign version (campaign-messages.ts caches them with the template), never per message.
 * See docs/architecture.md, "Attachments".
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { AttachmentFile } from '../contracts';
import { pluginConfig } from '../utils/plugin';
import { TemplateError } from './composing';

const UPLOAD_FILE = 'plugin::upload.file';
// How long a file on a remote upload provider (S3, Cloudinary...) may take to download.
const FETCH_TIMEOUT_MS = 30_000;

interface UploadFileRow {
  id: number;
  name: string;
  size: number | string | null;
  url: string;
  mime: string | null;
  provider: string | null;
}

/** An attachment as nodemailer takes it: bytes already read. */
export interface LoadedAttachment {
  filename: string;
  content: Buffer;
  contentType?: string;
}

/** The upload plugin stores sizes in kilobytes of 1,000 bytes, rounded to two decimals. */
const bytesOf = (file: UploadFileRow) => Math.round(Number(file.size ?? 0) * 1000);

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const cap = () => pluginConfig(strapi).maxAttachmentBytes;

  /** The files in the order given; unknown ids are refused with their numbers. */
  async function files(ids: number[]): Promise<UploadFileRow[]> {
    if (ids.length === 0) return [];
    const found: UploadFileRow[] = await strapi.db.query(UPLOAD_FILE).findMany({
      where: { id: { $in: ids } },
      select: ['id', 'name', 'size', 'url', 'mime', 'provider'],
    });
    const byId = new Map(found.map((file) => [Number(file.id), file]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length) {
      throw new errors.ValidationError(`Unknown attachment file id(s): ${missing.join(', ')}`);
    }
    return ids.map((id) => byId.get(id) as UploadFileRow);
  }

  function tooLarge(total: number): string {
    return (
      `The attachments total ${megabytes(total)}, over the limit of ${megabytes(cap())} per message ` +
      '(maxAttachmentBytes). Remove a file or attach a smaller one.'
    );
  }

  /** Local uploads from the public folder (never outside it); other providers over HTTP. */
  async function read(file: UploadFileRow): Promise<Buffer> {
    if (!file.provider || file.provider === 'local') {
      const root = path.resolve(strapi.dirs.static.public);
      const filePath = path.resolve(root, `.${decodeURIComponent(new URL(file.url, 'http://local').pathname)}`);
      if (!filePath.startsWith(root + path.sep)) throw new TemplateError(`Attachment "${file.name}" is not an upload`);
      return readFile(filePath);
    }
    const response = await fetch(file.url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!response.ok) throw new TemplateError(`Attachment "${file.name}" could not be read (HTTP ${response.status})`);
    return Buffer.from(await response.arrayBuffer());
  }

  return {
    maxBytes: cap,

    /** The files as the admin shows them, with their sizes. */
    async describe(ids: number[]): Promise<AttachmentFile[]> {
      return (await files(ids)).map((file) => ({
        id: Number(file.id),
        name: file.name,
        bytes: bytesOf(file),
        mime: file.mime,
      }));
    },

    /** On save and before sending: every id exists and the total fits the cap; a 400 says what is wrong. */
    async check(ids: number[]): Promise<void> {
      const total = (await files(ids)).reduce((sum, file) => sum + bytesOf(file), 0);
      if (total > cap()) throw new errors.ValidationError(tooLarge(total));
    },

    /**
     * The bytes of every file, read from storage. A file gone or over the cap since the check is
     * the campaign's fault, not a recipient's: a TemplateError, which pauses the campaign.
     */
    async load(ids: number[]): Promise<LoadedAttachment[]> {
      let found: UploadFileRow[];
      try {
        found = await files(ids);
      } catch (error) {
        throw new TemplateError((error as Error).message);
      }
      const loaded: LoadedAttachment[] = [];
      for (const file of found) {
        const content = await read(file).catch((error: Error) => {
          throw error instanceof TemplateError
            ? error
            : new TemplateError(`Attachment "${file.name}": ${error.message}`);
        });
        loaded.push({ filename: file.name, content, ...(file.mime ? { contentType: file.mime } : {}) });
      }
      const total = loaded.reduce((sum, file) => sum + file.content.length, 0);
      if (total > cap()) throw new TemplateError(tooLarge(total));
      return loaded;
    },
  };
};
