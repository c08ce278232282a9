import { describe, expect, it } from 'vitest';
import { coalesce } from '../../server/src/services/feedback/coalesce';

describe('coalesce', () => {
  it('writes what arrives together as one group, and what arrives during a write as the next', async () => {
    const groups: number[][] = [];
    const write = coalesce<number, string>(
      async (items) => {
        groups.push(items);
        await new Promise((resolve) => setTimeout(resolve, 20));
        return items.map((item) => `done ${item}`);
      },
      () => 1,
      100,
    );
    const first = [1, 2, 3].map(write);
    await new Promise((resolve) => setTimeout(resolve, 5)); // the first group is being written
    const second = [4, 5].map(write);
    expect(await Promise.all([...first, ...second])).toEqual([1, 2, 3, 4, 5].map((n) => `done ${n}`));
    expect(groups).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('keeps a group within its weight, but always takes at least one item', async () => {
    const groups: number[][] = [];
    const write = coalesce<number, number>(
      async (items) => (groups.push(items), items),
      (item) => item,
      10,
    );
    await Promise.all([4, 5, 30, 2, 9].map(write));
    expect(groups).toEqual([[4, 5], [30], [2], [9]]);
  });

  it('rejects every item of a failed group, and only those', async () => {
    let calls = 0;
    const write = coalesce<string, string>(
      async (items) => {
        calls += 1;
        if (calls === 1) throw new Error('database is locked');
        return items;
      },
      () => 1,
      2,
    );
    const results = await Promise.allSettled(['a', 'b', 'c'].map(write));
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
  });
});
