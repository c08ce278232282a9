import { describe, expect, it } from 'vitest';
import { decidesAt, newAbTest, pickWinner, sampleSize } from '../../server/src/services/ab-test/rules';
import { abTestField, assertAbTestChangeable } from '../../server/src/services/ab-test/input';
import { parseVariantSubjects, withVariantSubject } from '../../server/src/services/ab-test/subjects';
import { prepareTemplate, renderMessage } from '../../server/src/services/composing';
import { validateUpdate } from '../../server/src/validation/campaigns';

const reason = async (promise: Promise<unknown>) => {
  const error: any = await promise.then(
    () => expect.unreachable('the input was accepted'),
    (e) => e,
  );
  expect(error.name).toBe('ValidationError');
  return error.message as string;
};

describe('A/B subject tests: the pure rules', () => {
  it('samples the percentage of the audience, rounded, at least one row per variant, never more than the audience', () => {
    expect(sampleSize(1000, 2, 20)).toBe(200);
    expect(sampleSize(1001, 3, 15)).toBe(150);
    expect(sampleSize(10, 3, 1)).toBe(3);
    expect(sampleSize(2, 4, 50)).toBe(2);
    expect(sampleSize(0, 2, 20)).toBe(0);
  });

  it('picks the variant with the most, the first of the best on a tie, and variant 1 with nothing counted', () => {
    expect(
      pickWinner(
        new Map([
          [1, 3],
          [2, 7],
          [3, 5],
        ]),
        3,
      ),
    ).toBe(2);
    expect(
      pickWinner(
        new Map([
          [1, 2],
          [2, 4],
          [3, 4],
        ]),
        3,
      ),
    ).toBe(2);
    expect(
      pickWinner(
        new Map([
          [1, 4],
          [2, 4],
        ]),
        2,
      ),
    ).toBe(1);
    expect(pickWinner(new Map(), 4)).toBe(1);
    // A count for a variant beyond the test's is never the winner.
    expect(pickWinner(new Map([[5, 100]]), 4)).toBe(1);
  });

  it('decides the start plus the wait in hours, and stores a new test with its defaults and no winner', () => {
    expect(decidesAt(new Date('2030-01-01T10:00:00Z'), 4).toISOString()).toBe('2030-01-01T14:00:00.000Z');
    expect(newAbTest({ subjects: ['A', 'B'] })).toEqual({
      subjects: ['A', 'B'],
      samplePercent: 20,
      waitHours: 4,
      metric: 'clicks',
      winner: null,
      decidedAt: null,
    });
  });
});

describe('A/B subject tests: input', () => {
  it('takes 2 to 4 subjects that compile, and numbers within their bounds', async () => {
    const ok = { subjects: ['A {{ subscriber.name }}', 'B'], samplePercent: 50, waitHours: 168, metric: 'opens' };
    await expect(validateUpdate({ abTest: ok })).resolves.toEqual({ abTest: ok });
    await expect(validateUpdate({ abTest: null })).resolves.toEqual({ abTest: null });
    expect(await reason(validateUpdate({ abTest: { subjects: ['only one'] } }))).toMatch(/2 to 4 subjects/);
    expect(await reason(validateUpdate({ abTest: { subjects: ['1', '2', '3', '4', '5'] } }))).toMatch(/2 to 4/);
    expect(await reason(validateUpdate({ abTest: { subjects: ['A', '  '] } }))).toMatch(/cannot be blank/);
    expect(await reason(validateUpdate({ abTest: { subjects: ['A', 'B {{ oops'] } }))).toMatch(/does not compile/);
    expect(await reason(validateUpdate({ abTest: { subjects: ['A', 'B'], samplePercent: 51 } }))).toMatch(
      /from 1 to 50/,
    );
    expect(await reason(validateUpdate({ abTest: { subjects: ['A', 'B'], samplePercent: 0 } }))).toMatch(/1 to 50/);
    expect(await reason(validateUpdate({ abTest: { subjects: ['A', 'B'], samplePercent: 2.5 } }))).toMatch(/whole/);
    expect(await reason(validateUpdate({ abTest: { subjects: ['A', 'B'], waitHours: 169 } }))).toMatch(/1 to 168/);
    expect(await reason(validateUpdate({ abTest: { subjects: ['A', 'B'], waitHours: 0 } }))).toMatch(/1 to 168/);
    expect(await reason(validateUpdate({ abTest: { subjects: ['A', 'B'], metric: 'replies' } }))).toMatch(/clicks/);
    expect(await reason(validateUpdate({ abTest: { subjects: ['A', 'B'], winner: 2 } }))).toMatch(/winner/);
  });

  it('refuses a test with language versions, and a change once the campaign has started or on a series step', async () => {
    const versions = [{ locale: 'vi', subject: 'Xin chào' }];
    expect(() => abTestField({ abTest: { subjects: ['A', 'B'] }, versions })).toThrow(/language versions/);
    expect(abTestField({ abTest: { subjects: ['A', 'B'] }, versions: [] }).abTest?.winner).toBeNull();
    expect(abTestField({ abTest: null, versions })).toEqual({ abTest: null });
    expect(abTestField({ versions })).toEqual({});
    const input = { abTest: { subjects: ['A', 'B'] } };
    expect(() => assertAbTestChangeable({ status: 'scheduled' }, input)).not.toThrow();
    expect(() => assertAbTestChangeable({ status: 'testing', startedAt: '2030-01-01' }, input)).toThrow(/started/);
    expect(() => assertAbTestChangeable({ status: 'paused', startedAt: null }, input)).toThrow(/started/);
    expect(() => assertAbTestChangeable({ status: 'sending', seriesId: 3 }, input)).toThrow(/series step/);
    expect(() => assertAbTestChangeable({ status: 'sending', startedAt: '2030-01-01' }, {})).not.toThrow();
  });
});

describe('A/B subject tests: the subject of a row', () => {
  it("renders a row's variant subject, and the campaign's own subject for a row without one", () => {
    const prepared = prepareTemplate({ html: '<p>Hi</p>', subject: 'Own subject' });
    const variants = parseVariantSubjects(JSON.stringify({ subjects: ['First {{ subscriber.name }}', 'Second'] }));
    const vars = {
      subscriber: { id: 1, email: 'a@example.test', name: 'Ann' },
      campaign: {},
      unsubscribe_url: 'https://example.test/u',
      preferences_url: 'https://example.test/p',
    };
    const subject = (variant: number | null) =>
      renderMessage(withVariantSubject(prepared, variants, variant), vars).subject;
    expect(subject(1)).toBe('First Ann');
    expect(subject(2)).toBe('Second');
    expect(subject(null)).toBe('Own subject');
    expect(parseVariantSubjects(null)).toEqual([]);
  });
});
