import { describe, expect, it } from 'vitest';
import { SendPacer, type PacerClock } from '../../server/src/services/sending/send-pacer';
import { instanceOf } from '../../server/src/services/sending/claim-holders';
import { mostWithin } from '../helpers/time-windows';

/**
 * A simulated clock: time jumps to the earliest sleeper once every caller is asleep (checked
 * with setImmediate, after the woken callers' microtasks ran), so the schedule is exact.
 */
function fakeClock(): PacerClock & { sends: number[] } {
  let now = 0;
  const sleepers: Array<{ at: number; wake: () => void }> = [];
  let driving = false;
  const step = () => {
    if (sleepers.length === 0) {
      driving = false;
      return;
    }
    sleepers.sort((a, b) => a.at - b.at);
    now = Math.max(now, sleepers[0].at);
    while (sleepers.length && sleepers[0].at <= now) sleepers.shift()!.wake();
    setImmediate(step);
  };
  return {
    sends: [],
    now: () => now,
    sleep: (ms) =>
      new Promise<void>((wake) => {
        sleepers.push({ at: now + ms, wake });
        if (!driving) {
          driving = true;
          setImmediate(step);
        }
      }),
  };
}

/** `count` sends through four concurrent callers, each send's time recorded in `sends`. */
async function sendAll(pacer: SendPacer, clock: PacerClock, perSecond: number, count: number, sends: number[]) {
  let left = count;
  const lane = async () => {
    while (left-- > 0) {
      await pacer.take(perSecond);
      sends.push(clock.now());
    }
  };
  await Promise.all([lane(), lane(), lane(), lane()]);
}

describe('SendPacer', () => {
  it('lets one instance send once per slot of 1000 / perSecond ms', async () => {
    const clock = fakeClock();
    await sendAll(new SendPacer(async () => ({ count: 1, rank: 0 }), 1000, clock), clock, 10, 21, clock.sends);
    expect(clock.sends).toEqual(Array.from({ length: 21 }, (_, i) => i * 100));
  });

  it('keeps three instances in step within perSecond in every second, whatever perSecond / 3 rounds to', async () => {
    for (const perSecond of [4, 5, 9, 10]) {
      const clock = fakeClock();
      const all: number[] = [];
      const pacers = [0, 1, 2].map((rank) => new SendPacer(async () => ({ count: 3, rank }), 1000, clock));
      await Promise.all(pacers.map((pacer) => sendAll(pacer, clock, perSecond, 20, all)));
      expect(mostWithin(all, 1000), `perSecond ${perSecond}`).toBe(perSecond);
      // Each waited one refresh before its first send, so the others had counted it.
      expect(Math.min(...all)).toBeGreaterThanOrEqual(1000);
      expect(new Set(all).size).toBe(60);
    }
  });

  it('follows the count as instances come and go, counting at most once per refresh', async () => {
    const clock = fakeClock();
    let count = 1;
    let counts = 0;
    const pacer = new SendPacer(
      async () => {
        counts += 1;
        return { count, rank: 0 };
      },
      1000,
      clock,
    );
    await sendAll(pacer, clock, 10, 10, clock.sends);
    count = 2;
    const before = clock.sends.length;
    await sendAll(pacer, clock, 10, 10, clock.sends);
    const shared = clock.sends.slice(before);
    // Once the second instance was counted, this one sends in every other slot: 200 ms apart.
    expect(shared.at(-1)! - shared[1]).toBeGreaterThanOrEqual(8 * 200);
    expect(counts).toBeLessThanOrEqual(Math.ceil(clock.now() / 1000) + 2);
  });

  it('keeps the last count when counting fails', async () => {
    const clock = fakeClock();
    const pacer = new SendPacer(async () => Promise.reject(new Error('busy')), 1000, clock);
    await sendAll(pacer, clock, 5, 3, clock.sends);
    expect(clock.sends).toEqual([0, 200, 400]);
  });
});

describe('instanceOf', () => {
  it('takes the instance from a claim owner', () => {
    expect(instanceOf('host:123:abcdef#42')).toBe('host:123:abcdef');
  });
});
