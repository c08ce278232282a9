/**
 * A rule's conditions on an entry's own fields (e.g. category = news), all of which must hold.
 * The same meaning twice: in memory on the entry a publish hands over, and as SQL for the records
 * the tick reconciles. `contains` ignores case in both. See docs/architecture.md, "Publish rules".
 */
import type { Knex } from 'knex';
import type { PublishRuleCondition } from '../../contracts';

/** Attribute types a condition may test: scalar columns of the entry's own row. */
export const CONDITION_TYPES = new Set([
  'string',
  'text',
  'email',
  'uid',
  'enumeration',
  'integer',
  'biginteger',
  'float',
  'decimal',
  'boolean',
]);

type Scalar = string | number | boolean;

const same = (left: unknown, right: Scalar) => left !== null && left !== undefined && String(left) === String(right);

function holds(condition: PublishRuleCondition, actual: unknown): boolean {
  const { operator, value } = condition;
  const values: Scalar[] = Array.isArray(value) ? value : [value];
  switch (operator) {
    case 'eq':
      return same(actual, values[0]);
    case 'ne':
      return !same(actual, values[0]);
    case 'contains':
      return typeof actual === 'string' && actual.toLowerCase().includes(String(values[0]).toLowerCase());
    case 'in':
      return values.some((candidate) => same(actual, candidate));
  }
}

export function matchesConditions(conditions: PublishRuleCondition[], entry: Record<string, unknown>): boolean {
  return conditions.every((condition) => holds(condition, entry[condition.field]));
}

/** LIKE with `!` as the escape character, the same on SQLite, PostgreSQL and MySQL. */
const likePattern = (text: string) => `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;

/** Adds the conditions to a query over the content type's table; `column` maps a field to its column. */
export function whereConditions(
  query: Knex.QueryBuilder,
  conditions: PublishRuleCondition[],
  column: (field: string) => string,
): Knex.QueryBuilder {
  for (const { field, operator, value } of conditions) {
    const name = column(field);
    const values: Scalar[] = Array.isArray(value) ? value : [value];
    if (operator === 'eq') query.where(name, values[0]);
    if (operator === 'ne') query.where((inner) => inner.whereNot(name, values[0]).orWhereNull(name));
    if (operator === 'in') query.whereIn(name, values);
    if (operator === 'contains') query.whereRaw(`lower(??) like ? escape '!'`, [name, likePattern(String(values[0]))]);
  }
  return query;
}
