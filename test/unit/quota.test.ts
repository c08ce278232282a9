import { describe, expect, it } from 'vitest';
import { estimateFinish, roomLeft } from '../../server/src/services/sending/quota';

const limits = (l: Partial<Record<'perSecond' | 'perMinute' | 'perHour' | 'perDay', number>>) => ({
  perSecond: null,
  perMinute: null,
  perHour: null,
  perDay: null,
  ...l,
});
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('roomLeft', () => {
  it('is unlimited without limits', () => {
    expect(roomLeft(limits({}), { perMinute: 10, perHour: 100, perDay: 1000 })).toBe(Infinity);
  });

  it('takes the tightest window and never goes below zero', () => {
    expect(roomLeft(limits({ perHour: 100, perDay: 500 }), { perMinute: 0, perHour: 90, perDay: 200 })).toBe(10);
    expect(roomLeft(limits({ perHour: 100, perDay: 500 }), { perMinute: 0, perHour: 20, perDay: 495 })).toBe(5);
    expect(roomLeft(limits({ perDay: 50 }), { perMinute: 0, perHour: 0, perDay: 60 })).toBe(0);
  });
});

describe('estimateFinish', () => {
  const now = new Date('2030-01-02T00:00:00Z');
  const at = (msAgo: number) => new Date(now.getTime() - msAgo);
  const sent = (times: Date[]) => ({ perMinute: times, perHour: times, perDay: times });

  it('is null when no limit binds or everything fits now', () => {
    expect(estimateFinish(limits({}), sent([]), 1000, now)).toBeNull();
    expect(estimateFinish(limits({ perDay: 500 }), sent([at(HOUR)]), 499, now)).toBeNull();
  });

  it('waits for the oldest sends to leave the rolling window', () => {
    // 50 a day, 50 sent 16 hours ago: the next 50 go 8 hours from now, the last 20 a day after that.
    const times = Array.from({ length: 50 }, () => at(16 * HOUR));
    expect(estimateFinish(limits({ perDay: 50 }), sent(times), 50, now)).toEqual(new Date(now.getTime() + 8 * HOUR));
    expect(estimateFinish(limits({ perDay: 50 }), sent(times), 70, now)).toEqual(
      new Date(now.getTime() + 8 * HOUR + DAY),
    );
  });

  it('uses the room left today before waiting', () => {
    // 10 sent 2 hours ago with 500 a day: 490 fit now, the 491st waits for the first of those 10.
    const times = Array.from({ length: 10 }, (_, i) => at(2 * HOUR - i * 1000));
    expect(estimateFinish(limits({ perDay: 500 }), sent(times), 490, now)).toBeNull();
    expect(estimateFinish(limits({ perDay: 500 }), sent(times), 491, now)).toEqual(new Date(times[0].getTime() + DAY));
  });

  it('takes the window that finishes last', () => {
    const hourly = estimateFinish(limits({ perHour: 100, perDay: 1000 }), sent([]), 900, now);
    // 900 at 100 an hour: eight more hours; the day window alone would allow them all now.
    expect(hourly).toEqual(new Date(now.getTime() + 8 * HOUR));
  });
});
