import { afterEach, describe, expect, it, vi } from 'vitest';
import { eachLimited } from '../../server/src/services/sending/each-limited';
import { handoverGate } from '../../server/src/services/sending/handover-gate';
import { outcomeColumns } from '../../server/src/services/sending/outcome-columns';
import { outcomeWriter } from '../../server/src/services/sending/outcome-writer';
import type { RecordedOutcome } from '../../server/src/services/sending/outbox';

const recorded = (id: number, outcome: RecordedOutcome['outcome'], attempts = 1): RecordedOutcome => ({
  id,
  kind: 'campaign',
  campaignId: 1,
  subscriberId: id,
  attempts,
  outcome,
});

describe('eachLimited', () => {
  it('runs at most `limit` workers at once and returns what it did not start after stop()', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    const untouched = await eachLimited(
      [1, 2, 3, 4, 5, 6],
      2,
      () => done.length >= 3,
      async (item) => {
        peak = Math.max(peak, ++running);
        await new Promise((resolve) => setTimeout(resolve, 1));
        running -= 1;
        done.push(item);
      },
    );
    expect(peak).toBe(2);
    expect([...done, ...untouched].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(untouched.length).toBeGreaterThan(0);
  });
});

describe('handoverGate', () => {
  const rows = Array.from({ length: 45 }, (_, i) => ({ id: i + 1 }));

  it('marks rows twenty at a time, before the first of each group is sent', async () => {
    const groups: number[][] = [];
    const gate = handoverGate(
      rows,
      async (ids) => {
        groups.push(ids);
        return ids.filter((id) => id !== 7);
      },
      () => {},
    );
    expect(await gate(0)).toBe(true);
    expect(groups).toHaveLength(1);
    expect(await gate(6)).toBe(false);
    expect(await gate(44)).toBe(true);
    expect(groups.map((group) => group.length)).toEqual([20, 20, 5]);
  });

  it('treats a group it could not mark as not ours', async () => {
    const errors: Error[] = [];
    const gate = handoverGate(
      rows,
      async () => {
        throw new Error('database gone');
      },
      (error) => errors.push(error),
    );
    expect(await gate(3)).toBe(false);
    expect(errors.map((error) => error.message)).toEqual(['database gone']);
  });
});

describe('outcomeWriter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes a full group at once and the rest within 200 ms', async () => {
    vi.useFakeTimers();
    const writes: number[][] = [];
    const writer = outcomeWriter(
      async (outcomes) => {
        writes.push(outcomes.map((o) => o.id));
      },
      () => {},
    );
    for (let id = 1; id <= 52; id++) writer.add(recorded(id, { kind: 'sent' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(writes.map((w) => w.length)).toEqual([50]);
    await vi.advanceTimersByTimeAsync(199);
    expect(writes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(writes.map((w) => w.length)).toEqual([50, 2]);
  });

  it('flush writes everything still queued and reports failed writes', async () => {
    const errors: string[] = [];
    const writer = outcomeWriter(
      async () => {
        throw new Error('locked');
      },
      (error) => errors.push(error.message),
    );
    writer.add(recorded(1, { kind: 'sent' }));
    await writer.flush();
    expect(errors).toEqual(['locked']);
  });
});

describe('outcomeColumns', () => {
  const at = new Date('2030-01-01T00:00:00Z');

  it('retries until the last attempt, then fails with the count', () => {
    const next = new Date('2030-01-01T00:05:00Z');
    const retry = { kind: 'retry', code: '451', error: 'try later' } as const;
    expect(outcomeColumns({ ...recorded(1, retry, 2), nextAttemptAt: next }, 6, at)).toMatchObject({
      status: 'retry',
      next_attempt_at: next,
      last_error: 'try later',
    });
    expect(outcomeColumns(recorded(1, retry, 6), 6, at)).toMatchObject({
      status: 'failed',
      next_attempt_at: null,
      last_error: 'Gave up after 6 attempts: try later',
    });
  });

  it('stamps sent_at on every attempt that reached the server', () => {
    for (const kind of ['bounced', 'failed', 'unknown'] as const) {
      expect(outcomeColumns(recorded(1, { kind, code: '550', error: 'no' }), 6, at)).toMatchObject({
        status: kind,
        sent_at: at,
        last_code: '550',
      });
    }
  });

  it('refuses outcomes that are not written one by one', () => {
    expect(() => outcomeColumns(recorded(1, { kind: 'sent' }), 6, at)).toThrow();
    const pause = { kind: 'provider-paused', error: 'auth', pauseSeconds: 60 } as const;
    expect(() => outcomeColumns(recorded(1, pause), 6, at)).toThrow();
  });
});
