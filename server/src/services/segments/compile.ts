/**
 * Checked segment rules (rules.ts) to one SQL condition over the subscribers table, with every
 * value bound: the text holds only whitelisted column names, fixed SQL and `?` placeholders.
 * Attributes are read with each dialect's JSON functions; numbers compare as numbers (JSON
 * numbers only), attribute dates as calendar days (`YYYY-MM-DD`, which order as text). Pure.
 * See docs/architecture.md, "Segments".
 */
import { TABLES } from '../../constants';
import type { Dialect } from '../../database/connection';
import type { SegmentCondition, SegmentGroup } from '../../contracts/segments';
import { isDay, isSegmentGroup } from './rules';

export interface SqlFragment {
  sql: string;
  bindings: unknown[];
}

type Binding = string | number | Date;

const COLUMNS = {
  status: 'status',
  locale: 'locale',
  email: 'email',
  createdAt: 'created_at',
  confirmedAt: 'confirmed_at',
} as const;

const COMPARISON = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

const fragment = (sql: string, ...bindings: unknown[]): SqlFragment => ({ sql, bindings });

/** Never NULL, so NOT and "ne" also take people who have no value. */
const definite = ({ sql, bindings }: SqlFragment): SqlFragment => fragment(`coalesce(${sql}, false)`, ...bindings);

/** `%text%` for LIKE with `!` as the escape character (the same on every dialect). */
export function likeContains(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** The JSON readers of an attribute path (parts already checked against PATH_PART). */
function attributeReaders(dialect: Dialect, parts: string[], column: string) {
  if (dialect === 'postgres') {
    const path = `{${parts.join(',')}}`;
    return {
      text: fragment(`(${column} #>> ?::text[])`, path),
      number: fragment(
        `(case when jsonb_typeof(${column} #> ?::text[]) = 'number' then (${column} #>> ?::text[])::numeric end)`,
        path,
        path,
      ),
      dayTest: `~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}'`,
    };
  }
  const path = `$${parts.map((part) => `."${part}"`).join('')}`;
  if (dialect === 'mysql') {
    const extract = `json_extract(${column}, ?)`;
    return {
      text: fragment(
        `(case when json_type(${extract}) = 'NULL' then null else json_unquote(${extract}) end)`,
        path,
        path,
      ),
      number: fragment(
        `(case when json_type(${extract}) in ('INTEGER', 'UNSIGNED INTEGER', 'DOUBLE', 'DECIMAL') then ${extract} + 0 end)`,
        path,
        path,
      ),
      dayTest: `regexp '^[0-9]{4}-[0-9]{2}-[0-9]{2}'`,
    };
  }
  return {
    text: fragment(
      `(case json_type(${column}, ?) when 'null' then null when 'true' then 'true' when 'false' then 'false' ` +
        `else cast(json_extract(${column}, ?) as text) end)`,
      path,
      path,
    ),
    number: fragment(
      `(case when json_type(${column}, ?) in ('integer', 'real') then json_extract(${column}, ?) end)`,
      path,
      path,
    ),
    dayTest: `glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'`,
  };
}

/** `expression op ?` with the expression's own bindings first. */
const compare = (expression: SqlFragment, op: string, value: unknown): SqlFragment =>
  fragment(`${expression.sql} ${op} ?`, ...expression.bindings, value);

function textIn(expression: SqlFragment, values: Array<string | number>): SqlFragment {
  const placeholders = values.map(() => '?').join(', ');
  return fragment(`${expression.sql} in (${placeholders})`, ...expression.bindings, ...values.map(String));
}

const containsText = (expression: SqlFragment, value: string): SqlFragment =>
  fragment(`lower(${expression.sql}) like ? escape '!'`, ...expression.bindings, likeContains(value));

function attribute(dialect: Dialect, condition: SegmentCondition, alias: string): SqlFragment {
  const readers = attributeReaders(dialect, (condition.path ?? '').split('.'), `${alias}.attributes`);
  const { operator, value } = condition;
  if (operator === 'exists') return fragment(`${readers.text.sql} is not null`, ...readers.text.bindings);
  if (operator === 'notExists') return fragment(`${readers.text.sql} is null`, ...readers.text.bindings);
  if (operator === 'contains') return definite(containsText(readers.text, String(value)));
  if (operator === 'in') return definite(textIn(readers.text, value as Array<string | number>));
  const op = operator === 'ne' ? '=' : COMPARISON[operator as keyof typeof COMPARISON];
  let test: SqlFragment;
  if (typeof value === 'number') test = compare(readers.number, op, value);
  else if (operator === 'eq' || operator === 'ne') test = compare(readers.text, op, String(value));
  else {
    // A calendar day: the first ten characters of an ISO date string, compared as text.
    const text = readers.text;
    const day = fragment(
      `(case when ${text.sql} ${readers.dayTest} then substr(${text.sql}, 1, 10) end)`,
      ...text.bindings,
      ...text.bindings,
    );
    test = compare(day, op, String(value));
  }
  return operator === 'ne' ? fragment(`not ${definite(test).sql}`, ...test.bindings) : definite(test);
}

/** A locale condition compares languages: `vi` is `vi` and `vi-VN`, as language versions match. */
function localeMatch(column: string, codes: string[]): SqlFragment {
  const bindings: Binding[] = [];
  const tests = codes.map((code) => {
    bindings.push(code.toLowerCase(), `${code.toLowerCase()}-%`);
    return `lower(${column}) = ? or lower(${column}) like ?`;
  });
  return definite(fragment(`(${tests.join(' or ')})`, ...bindings));
}

function column(condition: SegmentCondition, alias: string): SqlFragment {
  const name = `${alias}.${COLUMNS[condition.field as keyof typeof COLUMNS]}`;
  const { field, operator, value } = condition;
  if (operator === 'exists') return fragment(`${name} is not null`);
  if (operator === 'notExists') return fragment(`${name} is null`);
  if (field === 'locale') {
    const match = localeMatch(name, operator === 'in' ? (value as string[]) : [String(value)]);
    return operator === 'ne' ? fragment(`not ${match.sql}`, ...match.bindings) : match;
  }
  const self = fragment(name);
  if (operator === 'in') return textIn(self, value as string[]);
  if (operator === 'contains') return containsText(self, String(value));
  if (operator === 'ne') return definite(compare(self, '<>', value));
  // Dates bind as Dates: each driver writes them as its column stores them (SQLite: epoch ms).
  const bound = field === 'createdAt' || field === 'confirmedAt' ? dateOf(String(value)) : value;
  return definite(compare(self, COMPARISON[operator as keyof typeof COMPARISON], bound));
}

/** A day means its first instant in UTC. */
const dateOf = (value: string): Date => new Date(isDay(value) ? `${value}T00:00:00.000Z` : value);

function membership(condition: SegmentCondition, alias: string): SqlFragment {
  const exists = `exists (select 1 from ${TABLES.subscriberLists} sl where sl.subscriber_id = ${alias}.id and sl.list_id = ?)`;
  return fragment(condition.operator === 'notInList' ? `not ${exists}` : exists, Number(condition.value));
}

const DAY_MS = 86_400_000;

/**
 * Human opens or clicks of the person: events that name them (aggregate-only events name nobody and
 * never match), machine ones left out. Served by the events' (subscriber, kind, time) index.
 */
function engagement(item: SegmentCondition, alias: string, now: Date | undefined): SqlFragment {
  const { operator, value } = item;
  const kind = operator === 'clicked' || operator === 'notClicked' ? 'click' : 'open';
  const human = `select 1 from ${TABLES.deliveryEvents} e where e.subscriber_id = ${alias}.id and e.kind = '${kind}' and coalesce(e.machine, false) = false`;
  if (operator === 'notOpenedDays') {
    // The application clock, so tests and every instance agree on "the last N days".
    if (!now) throw new Error('notOpenedDays is compiled with the application clock: pass now.');
    return fragment(`not exists (${human} and e.occurred_at >= ?)`, new Date(now.getTime() - Number(value) * DAY_MS));
  }
  const campaign = typeof value === 'number' ? fragment(' and e.campaign_id = ?', value) : fragment('');
  const exists = `exists (${human}${campaign.sql})`;
  return fragment(
    operator === 'notOpened' || operator === 'notClicked' ? `not ${exists}` : exists,
    ...campaign.bindings,
  );
}

function condition(dialect: Dialect, item: SegmentCondition, alias: string, now: Date | undefined): SqlFragment {
  if (item.field === 'attribute') return attribute(dialect, item, alias);
  if (item.field === 'list') return membership(item, alias);
  if (item.field === 'engagement') return engagement(item, alias, now);
  return column(item, alias);
}

/**
 * The condition a subscriber row (`alias`) meets when it matches the rules. `now` is the
 * application clock's (the clock service), needed by `notOpenedDays`.
 */
export function compileRules(dialect: Dialect, rules: SegmentGroup, alias = 's', now?: Date): SqlFragment {
  const parts = rules.conditions.map((item) =>
    isSegmentGroup(item) ? compileRules(dialect, item, alias, now) : condition(dialect, item, alias, now),
  );
  // An empty "all" holds for everyone, an empty "any" for no one.
  const joined = parts.length
    ? parts.map((part) => `(${part.sql})`).join(rules.match === 'all' ? ' and ' : ' or ')
    : rules.match === 'all'
      ? '1 = 1'
      : '1 = 0';
  const bindings = parts.flatMap((part) => part.bindings);
  return fragment(rules.not ? `not (${joined})` : `(${joined})`, ...bindings);
}

/** Any of several rule sets: the people of several segments together. */
export function compileAny(dialect: Dialect, ruleSets: SegmentGroup[], alias = 's', now?: Date): SqlFragment {
  return compileRules(dialect, { match: 'any', conditions: ruleSets }, alias, now);
}

/**
 * A campaign's audience: `subscribed` people on any of the lists or matching any of the
 * segments' rules. Nobody when both are empty.
 */
export function compileAudience(
  dialect: Dialect,
  listIds: number[],
  ruleSets: SegmentGroup[],
  alias = 's',
  now?: Date,
): SqlFragment {
  const parts: SqlFragment[] = [];
  if (listIds.length) {
    const placeholders = listIds.map(() => '?').join(', ');
    parts.push(
      fragment(
        `exists (select 1 from ${TABLES.subscriberLists} l where l.subscriber_id = ${alias}.id and l.list_id in (${placeholders}))`,
        ...listIds,
      ),
    );
  }
  if (ruleSets.length) parts.push(compileAny(dialect, ruleSets, alias, now));
  if (parts.length === 0) return fragment('1 = 0');
  return fragment(
    `${alias}.status = 'subscribed' and (${parts.map((part) => part.sql).join(' or ')})`,
    ...parts.flatMap((part) => part.bindings),
  );
}
