import { describe, expect, it } from 'vitest';
import { matchesConditions } from '../../server/src/services/publish-rules/conditions';
import { nextDigestAt, wallTime } from '../../server/src/services/publish-rules/digest-schedule';
import { validatePublishRule } from '../../server/src/validation/publish-rules';

const at = (iso: string) => new Date(iso);

describe('digest schedule', () => {
  it('a weekly digest falls on its weekday at its local time, and the next one a week later', () => {
    const schedule = { frequency: 'weekly' as const, time: '09:00', timezone: 'Europe/Paris', weekday: 1 };
    // Wednesday 2026-01-07 → Monday 2026-01-12 09:00 Paris (08:00 UTC in winter).
    const first = nextDigestAt(schedule, at('2026-01-07T12:00:00Z'));
    expect(first.toISOString()).toBe('2026-01-12T08:00:00.000Z');
    expect(nextDigestAt(schedule, first).toISOString()).toBe('2026-01-19T08:00:00.000Z');
  });

  it('keeps the local time across a daylight saving change (Paris, March 29th 2026)', () => {
    const schedule = { frequency: 'weekly' as const, time: '09:00', timezone: 'Europe/Paris', weekday: 1 };
    const before = nextDigestAt(schedule, at('2026-03-24T00:00:00Z'));
    expect(before.toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(wallTime(before, 'Europe/Paris')).toMatchObject({ day: 30, hour: 9, minute: 0 });
  });

  it('a daily digest at a time already past today is due tomorrow; one not yet past is due today', () => {
    const schedule = { frequency: 'daily' as const, time: '18:30', timezone: 'Asia/Ho_Chi_Minh' };
    expect(nextDigestAt(schedule, at('2026-05-01T12:00:00Z')).toISOString()).toBe('2026-05-02T11:30:00.000Z');
    expect(nextDigestAt(schedule, at('2026-05-01T10:00:00Z')).toISOString()).toBe('2026-05-01T11:30:00.000Z');
  });

  it('a monthly digest falls on its day of month, crossing the year', () => {
    const schedule = { frequency: 'monthly' as const, time: '07:00', timezone: 'America/New_York', dayOfMonth: 3 };
    expect(nextDigestAt(schedule, at('2026-12-04T00:00:00Z')).toISOString()).toBe('2027-01-03T12:00:00.000Z');
  });

  it('a time inside the spring-forward gap lands an hour later that day', () => {
    const schedule = { frequency: 'daily' as const, time: '02:30', timezone: 'Europe/Paris' };
    // 02:30 does not exist in Paris on 2026-03-29: the clock jumps from 02:00 to 03:00.
    expect(nextDigestAt(schedule, at('2026-03-28T12:00:00Z')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
});

describe('conditions', () => {
  const entry = { category: 'news', title: 'Big Release Today', views: 5, featured: true, empty: null };

  it('eq, ne, contains (ignoring case) and in hold as written, and all must hold', () => {
    expect(matchesConditions([{ field: 'category', operator: 'eq', value: 'news' }], entry)).toBe(true);
    expect(matchesConditions([{ field: 'category', operator: 'eq', value: 'events' }], entry)).toBe(false);
    expect(matchesConditions([{ field: 'category', operator: 'ne', value: 'events' }], entry)).toBe(true);
    expect(matchesConditions([{ field: 'empty', operator: 'ne', value: 'x' }], entry)).toBe(true);
    expect(matchesConditions([{ field: 'title', operator: 'contains', value: 'release' }], entry)).toBe(true);
    expect(matchesConditions([{ field: 'views', operator: 'in', value: [4, 5] }], entry)).toBe(true);
    expect(matchesConditions([{ field: 'featured', operator: 'eq', value: true }], entry)).toBe(true);
    expect(
      matchesConditions(
        [
          { field: 'category', operator: 'eq', value: 'news' },
          { field: 'views', operator: 'in', value: [1, 2] },
        ],
        entry,
      ),
    ).toBe(false);
  });
});

describe('rule input', () => {
  const valid = {
    name: 'News',
    contentType: 'api::article.article',
    template: 'starter-digest',
    lists: [1],
    mode: 'each',
    eachAction: 'send',
  };

  it('accepts a complete rule and refuses each missing or malformed part with a message naming it', async () => {
    await expect(validatePublishRule(valid)).resolves.toMatchObject({ name: 'News' });
    const refused = async (body: object) => (await validatePublishRule(body).catch((error: Error) => error)) as Error;
    expect((await refused({ ...valid, eachAction: undefined })).message).toMatch(/eachAction/);
    expect((await refused({ ...valid, eachAction: 'delay' })).message).toMatch(/delayMinutes/);
    const digest = { frequency: 'weekly', time: '9:00', timezone: 'Europe/Paris', weekday: 1 };
    expect((await refused({ ...valid, mode: 'digest', digest })).message).toMatch(/HH:mm/);
    expect(
      (await refused({ ...valid, mode: 'digest', digest: { ...digest, time: '09:00', timezone: 'Mars/Base' } }))
        .message,
    ).toMatch(/IANA/);
    expect(
      (await refused({ ...valid, mode: 'digest', digest: { ...digest, time: '09:00', weekday: null } })).message,
    ).toMatch(/weekday/);
    expect((await refused({ ...valid, mode: 'digest' })).message).toMatch(/digest schedule/);
    expect(
      (await refused({ ...valid, conditions: [{ field: 'category', operator: 'in', value: 'news' }] })).message,
    ).toMatch(/list of values/);
    expect((await refused({ ...valid, lists: [] })).message).toMatch(/at least one list/);
    expect((await refused({ ...valid, status: 'x' })).message).toMatch(/cannot be set/);
  });
});
