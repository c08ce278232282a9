/**
 * The installation id: a random value made once per database and kept in it, part of every
 * Message-ID so that two sites sharing a mail domain (staging and production, or one site after
 * its database was recreated) never send two messages with the same Message-ID, which receivers
 * would drop as duplicates. See docs/architecture.md, "Composing".
 */
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import { knex } from '../database/connection';

// Strapi's own key-value table, where plugins keep their settings.
const STORE_TABLE = 'strapi_core_store_settings';
const KEY = `plugin_${PLUGIN_ID}_installation_id`;

/** 16 lower-case base32 characters (80 bits): safe in a Message-ID's left part. */
function newInstallationId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return Array.from(randomBytes(16), (byte) => alphabet[byte % 32]).join('');
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let cached: string | null = null;

  /** The stored id with the lowest row id: every instance reads the same one, whoever wrote first. */
  async function stored(): Promise<string | null> {
    const row = await knex(strapi)(STORE_TABLE).where('key', KEY).orderBy('id').first('value');
    return row ? (JSON.parse(String(row.value)) as string) : null;
  }

  return {
    /**
     * Reads the id, making it on the first boot. Instances booting together on a fresh database
     * may each insert one; all of them then take the earliest row, and the others are removed.
     */
    async load(): Promise<string> {
      let id = await stored();
      if (!id) {
        await knex(strapi)(STORE_TABLE).insert({
          key: KEY,
          value: JSON.stringify(newInstallationId()),
          type: 'string',
          environment: null,
          tag: null,
        });
        id = (await stored()) as string;
        await knex(strapi)(STORE_TABLE).where('key', KEY).whereNot('value', JSON.stringify(id)).delete();
      }
      cached = id;
      return id;
    },

    /** The id loaded at bootstrap. */
    id(): string {
      if (!cached) throw new Error('The installation id is read at bootstrap, before any mail is built');
      return cached;
    },
  };
};
