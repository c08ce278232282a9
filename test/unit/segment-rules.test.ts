import { describe, expect, it } from 'vitest';
import {
  MAX_CONDITIONS,
  MAX_DAYS,
  MAX_DEPTH,
  SegmentRuleError,
  validateRules,
} from '../../server/src/services/segments/rules';
import { compileAudience, compileRules, likeContains } from '../../server/src/services/segments/compile';
import type { Dialect } from '../../server/src/database/connection';

const DIALECTS: Dialect[] = ['sqlite', 'postgres', 'mysql'];

/** The refusal's message, which must name the condition. */
function refusal(rules: unknown): string {
  try {
    validateRules(rules);
  } catch (error) {
    expect(error).toBeInstanceOf(SegmentRuleError);
    return (error as Error).message;
  }
  return expect.unreachable('the rules were accepted');
}

const all = (...conditions: unknown[]) => ({ match: 'all', conditions });

const HOSTILE = ["' OR 1=1 --", '"); DROP TABLE email_campaigns_subscribers; --', '50%_off!', 'x\\y'];

const placeholders = (sql: string) => (sql.match(/\?/g) ?? []).length;

describe('segment rules: the whitelist', () => {
  it('accepts the issue’s segment and copies only what it knows', () => {
    const rules = validateRules(
      all(
        { field: 'attribute', path: 'plan', operator: 'eq', value: 'pro' },
        { field: 'locale', operator: 'eq', value: 'vi' },
        { match: 'any', not: true, conditions: [{ field: 'list', operator: 'inList', value: 3 }] },
      ),
    );
    expect(rules).toEqual({
      match: 'all',
      conditions: [
        { field: 'attribute', path: 'plan', operator: 'eq', value: 'pro' },
        { field: 'locale', operator: 'eq', value: 'vi' },
        { match: 'any', not: true, conditions: [{ field: 'list', operator: 'inList', value: 3 }] },
      ],
    });
  });

  it('refuses attribute paths outside ^[A-Za-z0-9_]{1,64}$, naming the condition', () => {
    for (const path of ["plan'", 'plan) or 1=1', '$.plan', 'a..b', '', 'x'.repeat(65), 'a.b.c.d.e', 'pl an']) {
      const message = refusal(
        all({ field: 'status', operator: 'eq', value: 'subscribed' }, { field: 'attribute', path, operator: 'exists' }),
      );
      expect(message, path).toContain('rules.conditions[1]');
      expect(message).toContain('attribute path');
    }
    expect(validateRules(all({ field: 'attribute', path: 'billing.plan_2', operator: 'exists' }))).toBeTruthy();
  });

  it('refuses unknown fields, operators a field does not take, and wrong value types', () => {
    expect(refusal(all({ field: 'password', operator: 'eq', value: 'x' }))).toContain('unknown field "password"');
    expect(refusal(all({ field: 'status', operator: 'gt', value: 'x' }))).toContain('does not take the operator "gt"');
    expect(refusal(all({ field: 'status', operator: 'eq', value: 'admin' }))).toContain('a status');
    expect(refusal(all({ field: 'createdAt', operator: 'gt', value: 'yesterday' }))).toContain('ISO 8601');
    expect(refusal(all({ field: 'createdAt', operator: 'gt', value: '2024-02-30' }))).toContain('ISO 8601');
    expect(refusal(all({ field: 'attribute', path: 'n', operator: 'gt', value: 'ten' }))).toContain('number or a date');
    expect(refusal(all({ field: 'attribute', path: 'n', operator: 'eq', value: { $gt: 1 } }))).toContain(
      'rules.conditions[0]',
    );
    expect(refusal(all({ field: 'list', operator: 'inList', value: '3' }))).toContain('list id');
    expect(refusal(all({ field: 'attribute', path: 'n', operator: 'exists', value: 1 }))).toContain('takes no value');
    expect(refusal(all({ field: 'email', operator: 'in', value: [] }))).toContain('1 to 100');
    expect(refusal(all({ field: 'email', operator: 'eq', value: 'a', sql: 'x' }))).toContain('unknown key(s) sql');
    expect(refusal(all({ field: 'locale', operator: 'eq', value: "vi' --" }))).toContain('locale code');
    expect(refusal({ match: 'some', conditions: [] })).toContain('match must be');
    expect(refusal(all({ field: 'status', operator: 'in', value: ['subscribed', 'root'] }))).toContain(
      'rules.conditions[0].value[1]',
    );
  });

  it('limits nesting and the number of conditions', () => {
    let deep: unknown = all({ field: 'status', operator: 'eq', value: 'subscribed' });
    for (let i = 0; i < MAX_DEPTH; i++) deep = all(deep);
    expect(refusal(deep)).toContain(`at most ${MAX_DEPTH} deep`);
    const many = Array.from({ length: MAX_CONDITIONS + 1 }, () => ({
      field: 'status',
      operator: 'eq',
      value: 'subscribed',
    }));
    expect(refusal(all(...many))).toContain(`rules.conditions[${MAX_CONDITIONS}]`);
  });
});

describe('segment rules: compiled SQL', () => {
  it('binds every value: hostile text never reaches the SQL, on every dialect', () => {
    for (const dialect of DIALECTS) {
      for (const value of HOSTILE) {
        const rules = validateRules(
          all(
            { field: 'attribute', path: 'plan', operator: 'eq', value },
            { field: 'email', operator: 'contains', value },
            { field: 'attribute', path: 'plan', operator: 'in', value: [value, 'pro'] },
            { field: 'email', operator: 'ne', value },
          ),
        );
        const { sql, bindings } = compileRules(dialect, rules);
        expect(sql, dialect).not.toContain(value);
        expect(sql).not.toMatch(/DROP|1=1/);
        expect(bindings).toContain(value);
        expect(placeholders(sql), `${dialect}: ${sql}`).toBe(bindings.length);
      }
    }
  });

  it('reads attributes with each dialect’s JSON operator, the path bound', () => {
    const rules = validateRules(all({ field: 'attribute', path: 'billing.plan', operator: 'eq', value: 'pro' }));
    const postgres = compileRules('postgres', rules);
    expect(postgres.sql).toContain('s.attributes #>> ?::text[]');
    expect(postgres.bindings).toEqual(['{billing,plan}', 'pro']);
    const mysql = compileRules('mysql', rules);
    expect(mysql.sql).toContain('json_unquote(json_extract(s.attributes, ?))');
    expect(mysql.bindings).toContain('$."billing"."plan"');
    const sqlite = compileRules('sqlite', rules);
    expect(sqlite.sql).toContain('json_extract(s.attributes, ?)');
    expect(sqlite.bindings).toContain('$."billing"."plan"');
  });

  it('compares numbers as numbers and dates as days, binding numbers as numbers', () => {
    const numbers = compileRules(
      'postgres',
      validateRules(all({ field: 'attribute', path: 'seats', operator: 'gt', value: 9 })),
    );
    expect(numbers.sql).toContain("jsonb_typeof(s.attributes #> ?::text[]) = 'number'");
    expect(numbers.sql).toContain('::numeric');
    expect(numbers.bindings.at(-1)).toBe(9);
    const days = compileRules(
      'sqlite',
      validateRules(all({ field: 'attribute', path: 'renews', operator: 'lt', value: '2025-03-01' })),
    );
    expect(days.sql).toContain('substr(');
    expect(days.bindings.at(-1)).toBe('2025-03-01');
    const created = compileRules(
      'mysql',
      validateRules(all({ field: 'createdAt', operator: 'gte', value: '2025-03-01' })),
    );
    expect(created.bindings).toEqual([new Date('2025-03-01T00:00:00.000Z')]);
  });

  it('escapes LIKE wildcards so contains matches the text itself', () => {
    expect(likeContains('50%_Off!')).toBe('%50!%!_off!!%');
  });

  it('joins groups with AND/OR, negates with NOT, and keeps empty groups meaningful', () => {
    const rules = validateRules({
      match: 'any',
      not: true,
      conditions: [
        { field: 'status', operator: 'eq', value: 'bounced' },
        { field: 'list', operator: 'notInList', value: 7 },
      ],
    });
    const { sql, bindings } = compileRules('sqlite', rules);
    expect(sql).toMatch(/^not \(\(.*\) or \(not exists \(select 1 from email_campaigns_subscribers_lists_lnk/);
    expect(bindings).toEqual(['bounced', 7]);
    expect(compileRules('sqlite', { match: 'all', conditions: [] }).sql).toBe('(1 = 1)');
    expect(compileRules('sqlite', { match: 'any', conditions: [] }).sql).toBe('(1 = 0)');
  });

  it('makes a campaign audience of subscribed people on any list or in any segment', () => {
    const segment = validateRules(all({ field: 'attribute', path: 'plan', operator: 'eq', value: 'pro' }));
    const audience = compileAudience('postgres', [1, 2], [segment]);
    expect(audience.sql).toMatch(/^s\.status = 'subscribed' and \(exists .* l\.list_id in \(\?, \?\)\) or \(/);
    expect(audience.bindings.slice(0, 2)).toEqual([1, 2]);
    expect(compileAudience('postgres', [], []).sql).toBe('1 = 0');
  });
});

describe('segment rules: engagement', () => {
  const engagement = (operator: string, value?: unknown) =>
    all(value === undefined ? { field: 'engagement', operator } : { field: 'engagement', operator, value });

  it('accepts a campaign id, null or "any" for opened and clicked, and 1 to 3650 days for notOpenedDays', () => {
    for (const operator of ['opened', 'notOpened', 'clicked', 'notClicked'])
      for (const value of [12, null, 'any'])
        expect(validateRules(engagement(operator, value)).conditions[0]).toEqual({
          field: 'engagement',
          operator,
          value,
        });
    for (const days of [1, 30, MAX_DAYS]) expect(validateRules(engagement('notOpenedDays', days))).toBeTruthy();
  });

  it('refuses other values and operators, naming the condition', () => {
    for (const value of [0, -3, 1.5, '12', 'all', true, [1]])
      expect(refusal(engagement('opened', value)), String(value)).toMatch(
        /rules\.conditions\[0\]: opened takes a campaign id, or null or "any"/,
      );
    expect(refusal(engagement('clicked'))).toContain('clicked takes a campaign id');
    for (const days of [0, MAX_DAYS + 1, 2.5, '30', null])
      expect(refusal(engagement('notOpenedDays', days)), String(days)).toContain(
        `notOpenedDays takes a whole number of days from 1 to ${MAX_DAYS}`,
      );
    expect(refusal(engagement('eq', 1))).toContain('engagement does not take the operator "eq"');
    expect(refusal(all({ field: 'status', operator: 'opened', value: null }))).toContain('does not take');
    expect(refusal(all({ field: 'engagement', path: 'x', operator: 'opened', value: null }))).toContain(
      'only attribute conditions take a path',
    );
  });

  it('compiles to EXISTS over human events naming the person, the campaign bound, on every dialect', () => {
    for (const dialect of DIALECTS) {
      const opened = compileRules(dialect, validateRules(engagement('opened', 12)));
      expect(opened.sql).toMatch(
        /^\(\(exists \(select 1 from email_campaigns_delivery_events e where e\.subscriber_id = s\.id and e\.kind = 'open' and coalesce\(e\.machine, false\) = false and e\.campaign_id = \?\)\)\)$/,
      );
      expect(opened.bindings).toEqual([12]);
      const anyClick = compileRules(dialect, validateRules(engagement('notClicked', 'any')));
      expect(anyClick.sql).toContain(
        "(not exists (select 1 from email_campaigns_delivery_events e where e.subscriber_id = s.id and e.kind = 'click'",
      );
      expect(anyClick.sql).not.toContain('campaign_id');
      expect(anyClick.bindings).toEqual([]);
    }
  });

  it('counts notOpenedDays back from the clock it is given, and needs one', () => {
    const now = new Date('2026-03-31T12:00:00.000Z');
    const rules = validateRules(engagement('notOpenedDays', 30));
    const { sql, bindings } = compileRules('postgres', rules, 's', now);
    expect(sql).toContain(
      "not exists (select 1 from email_campaigns_delivery_events e where e.subscriber_id = s.id and e.kind = 'open'",
    );
    expect(sql).toContain('e.occurred_at >= ?');
    expect(bindings).toEqual([new Date('2026-03-01T12:00:00.000Z')]);
    expect(compileAudience('sqlite', [], [rules], 's', now).bindings).toEqual(bindings);
    expect(() => compileRules('postgres', rules)).toThrow('application clock');
  });
});
