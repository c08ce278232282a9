/**
 * The rows a publish rule keeps, one per entry (rule, documentId, locale) under a unique index, so
 * a republish, an edit or a second instance adds nothing. Every write here is one set-based
 * statement that ignores rows the index already holds. See docs/architecture.md, "Publish rules".
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { TABLES } from '../../constants';
import type { PublishRuleCondition } from '../../contracts';
import { dialect, knex } from '../../database/connection';
import { whereConditions } from './conditions';

export interface RecordedEntry {
  documentId: string;
  /** `''` when the type is not localized: NULL would slip past the unique index. */
  locale: string;
  title: string | null;
}

export interface RuleScope {
  id: number;
  contentType: string;
  conditions: PublishRuleCondition[];
  locales: string[];
  activeSince: Date;
}

const COLUMNS = 'rule_id, entry_document_id, entry_locale, title, recorded_at, state, created_at, updated_at';
const TITLE_FIELDS = ['title', 'name', 'subject'];
const TITLE_LENGTH = 255;

interface ContentTable {
  table: string;
  column: (field: string) => string;
  hasLocale: boolean;
  titleField: string | null;
}

/** The content type's table and columns, from Strapi's metadata. */
export function contentTable(strapi: Core.Strapi, uid: string): ContentTable {
  const meta = strapi.db.metadata.get(uid);
  const attributes = meta.attributes as Record<string, { columnName?: string; type?: string }>;
  const column = (field: string) => `t.${attributes[field]?.columnName ?? field}`;
  return {
    table: meta.tableName,
    column,
    hasLocale: Boolean(attributes.locale),
    titleField: TITLE_FIELDS.find((field) => attributes[field]?.type === 'string') ?? null,
  };
}

export const entryTitle = (value: unknown): string | null =>
  typeof value === 'string' ? value.slice(0, TITLE_LENGTH) : null;

export default (strapi: Core.Strapi) => {
  const db = () => knex(strapi);

  /** Runs `insert into records (…) <select>`, leaving rows the unique index already holds. */
  function insertIgnoring(select: Knex.QueryBuilder) {
    const { sql, bindings } = select.toSQL();
    const into = `insert into ${TABLES.publishRecords} (${COLUMNS}) ${sql}`;
    const ignore =
      dialect(strapi) === 'mysql'
        ? `${into} on duplicate key update ${TABLES.publishRecords}.id = ${TABLES.publishRecords}.id`
        : `${into} on conflict (rule_id, entry_document_id, entry_locale) do nothing`;
    return db().raw(ignore, bindings);
  }

  /** The published rows of the rule's type, as record columns in `state`. */
  function publishedRows(
    rule: Pick<RuleScope, 'id' | 'contentType'>,
    state: string,
    at: Date,
    recordedAt: 'now' | 'published' = 'now',
  ) {
    const { table, column, hasLocale, titleField } = contentTable(strapi, rule.contentType);
    const locale = hasLocale ? db().raw(`coalesce(t.locale, '')`) : db().raw(`''`);
    const title = titleField ? db().raw(`substr(??, 1, ${TITLE_LENGTH})`, [column(titleField)]) : db().raw('null');
    const query = db()
      .from(`${table} as t`)
      .whereNotNull('t.published_at')
      .select(
        db().raw('? as rule_id', [rule.id]),
        't.document_id',
        db().raw('? as entry_locale', [locale]),
        db().raw('? as title', [title]),
        recordedAt === 'published' ? db().raw('t.published_at as recorded_at') : db().raw('? as recorded_at', [at]),
        db().raw('? as state', [state]),
        db().raw('? as created_at', [at]),
        db().raw('? as updated_at', [at]),
      );
    return { query, column, hasLocale, locale };
  }

  return {
    /** What a publish hands over, pending for the tick: one INSERT whatever the number of rules and entries. */
    async record(entries: Array<RecordedEntry & { ruleId: number }>, at: Date): Promise<void> {
      if (entries.length === 0) return;
      await db()(TABLES.publishRecords)
        .insert(
          entries.map((entry) => ({
            rule_id: entry.ruleId,
            entry_document_id: entry.documentId,
            entry_locale: entry.locale,
            title: entry.title,
            recorded_at: at,
            state: 'pending',
            created_at: at,
            updated_at: at,
          })),
        )
        .onConflict(['rule_id', 'entry_document_id', 'entry_locale'])
        .ignore();
    },

    /**
     * Every entry published when the rule begins, recorded `preexisting`: its later publishes
     * conflict on the unique index, so the rule never sends it.
     */
    async markPreexisting(rule: Pick<RuleScope, 'id' | 'contentType'>, at: Date): Promise<void> {
      await insertIgnoring(publishedRows(rule, 'preexisting', at).query);
    },

    /**
     * Publishes a crash kept from the hook: published entries matching the rule, published since
     * it began, with no record yet. Recorded at their publish, so each lands in the period it was
     * published in; a digest takes every pending record from before its due time, so one whose period
     * has closed goes in the next issue.
     */
    async reconcile(rule: RuleScope, at: Date): Promise<void> {
      const { query, column, hasLocale, locale } = publishedRows(rule, 'pending', at, 'published');
      query.where('t.published_at', '>=', rule.activeSince);
      whereConditions(query, rule.conditions, (field) => column(field));
      if (rule.locales.length) {
        if (!hasLocale) return;
        query.whereIn('t.locale', rule.locales);
      }
      query.whereNotExists(
        db()
          .from(`${TABLES.publishRecords} as r`)
          .where('r.rule_id', rule.id)
          .whereRaw('r.entry_document_id = t.document_id')
          .whereRaw('r.entry_locale = ?', [locale]),
      );
      await insertIgnoring(query);
    },
  };
};
