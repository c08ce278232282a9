import { describe, expect, it } from 'vitest';
import { nextStepAfterEdit, readSteps } from '../../server/src/services/series/steps';
import { validateSeries } from '../../server/src/validation/series';

const steps = (...pairs: Array<[number, number]>) =>
  pairs.map(([campaignId, delayMinutes]) => ({ campaignId, delayMinutes }));

describe('where an enrollment stands after an edit (nextStepAfterEdit)', () => {
  const before = steps([10, 0], [11, 2880], [12, 10080]);

  it('keeps the place of people when only delays change', () => {
    const after = steps([10, 0], [11, 1440], [12, 4320]);
    expect([0, 1, 2].map((sent) => nextStepAfterEdit(before, after, sent))).toEqual([0, 1, 2]);
  });

  it('sends a step added at the end to everyone not done, and a step inserted before someone to them too', () => {
    const appended = [...before, ...steps([13, 20000])];
    expect(nextStepAfterEdit(before, appended, 3)).toBe(3);
    const inserted = steps([10, 0], [14, 60], [11, 2880], [12, 10080]);
    expect(nextStepAfterEdit(before, inserted, 2)).toBe(1);
    expect(nextStepAfterEdit(before, inserted, 0)).toBe(0);
  });

  it('skips a removed step and ends people who had every remaining step', () => {
    const removed = steps([10, 0], [12, 10080]);
    expect(nextStepAfterEdit(before, removed, 2)).toBe(1);
    expect(nextStepAfterEdit(before, steps([10, 0]), 2)).toBe(1);
  });
});

describe('stored steps', () => {
  it('reads the JSON column as stored by any dialect, dropping malformed entries', () => {
    expect(readSteps('[{"campaignId":1,"delayMinutes":0},{"campaignId":"x"}]')).toEqual(steps([1, 0]));
    expect(readSteps([{ campaignId: 2, delayMinutes: 60 }])).toEqual(steps([2, 60]));
    expect(readSteps(null)).toEqual([]);
  });
});

describe('series input', () => {
  const good = { name: 'Welcome', listId: 1, trigger: 'joined', steps: [{ delayMinutes: 0, subject: 'Hi' }] };

  it('accepts a well-formed series', async () => {
    await expect(validateSeries(good)).resolves.toEqual(good);
  });

  it.each([
    [
      {
        ...good,
        steps: [
          { delayMinutes: 10, subject: 'a' },
          { delayMinutes: 5, subject: 'b' },
        ],
      },
      /order they go out/,
    ],
    [
      {
        ...good,
        steps: [
          { id: 4, delayMinutes: 0, subject: 'a' },
          { id: 4, delayMinutes: 1, subject: 'b' },
        ],
      },
      /names a step twice/,
    ],
    [{ ...good, steps: [{ delayMinutes: 0.5, subject: 'a' }] }, /integer/],
    [{ ...good, steps: [{ delayMinutes: '0', subject: 'a' }] }, /number/],
    [{ ...good, listId: '1' }, /number/],
    [{ ...good, paused: true }, /cannot be set here: paused/],
    [{ ...good, steps: new Array(21).fill({ delayMinutes: 0, subject: 'a' }) }, /at most 20 steps/],
  ])('refuses %j', async (input, message) => {
    await expect(validateSeries(input)).rejects.toThrow(message);
  });
});
