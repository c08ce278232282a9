import { describe, expect, it } from 'vitest';
import { DEFAULT_FEEDBACK } from '../../server/src/config/feedback';
import {
  complaintsSince,
  judge,
  rate,
  reasonFor,
  REASON_PREFIX,
  type BreakerSettings,
  type Tally,
} from '../../server/src/services/feedback/reputation-rules';

const DEFAULTS = DEFAULT_FEEDBACK.breaker;
const with_ = (overrides: Partial<BreakerSettings>): BreakerSettings => ({ ...DEFAULTS, ...overrides });
const tally = (overrides: Partial<Tally>): Tally => ({
  bounceSends: 0,
  hardBounces: 0,
  complaintSends: 0,
  complaints: 0,
  ...overrides,
});

describe('reputation rules', () => {
  it('the defaults are the ones issue #9 names', () => {
    expect(DEFAULTS).toEqual({
      minSends: 100,
      bounceWindow: 500,
      bounceRate: 0.05,
      complaintWindow: 5000,
      complaintDays: 7,
      complaintWarnRate: 0.001,
      complaintPauseRate: 0.003,
    });
  });

  it('judges nothing before minSends messages went out, and a lower minSends judges earlier', () => {
    const early = tally({ bounceSends: 80, hardBounces: 40, complaintSends: 80, complaints: 8 });
    expect(judge(early, DEFAULTS)).toMatchObject({ level: 'unjudged', bounceRate: null, complaintRate: null });
    expect(judge(early, with_({ minSends: 80 }))).toMatchObject({ level: 'pause', bounceRate: 0.5 });
    expect(rate(5, 99, 100)).toBeNull();
    expect(rate(5, 100, 100)).toBe(0.05);
  });

  it('pauses above bounceRate, not at it; a lower bounceRate trips earlier', () => {
    expect(judge(tally({ bounceSends: 500, hardBounces: 25 }), DEFAULTS).level).toBe('ok'); // exactly 5 %
    expect(judge(tally({ bounceSends: 500, hardBounces: 26 }), DEFAULTS).level).toBe('pause');
    expect(judge(tally({ bounceSends: 500, hardBounces: 15 }), DEFAULTS).level).toBe('ok');
    expect(judge(tally({ bounceSends: 500, hardBounces: 15 }), with_({ bounceRate: 0.02 })).level).toBe('pause');
  });

  it('warns between complaintWarnRate and complaintPauseRate, pauses above it', () => {
    const at = (complaints: number, settings = DEFAULTS) =>
      judge(tally({ complaintSends: 5000, complaints }), settings).level;
    expect(at(5)).toBe('ok'); // 0.1 %: at the warning line, not above it
    expect(at(6)).toBe('warn');
    expect(at(15)).toBe('warn'); // 0.3 %: at the pause line
    expect(at(16)).toBe('pause');
    expect(at(4, with_({ complaintWarnRate: 0.0005 }))).toBe('warn');
    expect(at(6, with_({ complaintPauseRate: 0.001 }))).toBe('pause');
  });

  it('one window may be judged while the other still waits for sends', () => {
    const rates = judge(tally({ bounceSends: 50, hardBounces: 10, complaintSends: 200, complaints: 0 }), DEFAULTS);
    expect(rates).toMatchObject({ level: 'ok', bounceRate: null, complaintRate: 0 });
  });

  it('gives a reason naming the rate, the messages and the limit', () => {
    const bounce = reasonFor(judge(tally({ bounceSends: 120, hardBounces: 12 }), DEFAULTS));
    expect(bounce).toBe(
      `${REASON_PREFIX}: 10.0 % of the last 120 messages bounced (12; the limit is 5 %). Clean the list, then resume.`,
    );
    const complaint = reasonFor(judge(tally({ complaintSends: 1000, complaints: 4 }), DEFAULTS));
    expect(complaint).toMatch(/^Reputation circuit breaker: 0\.40 % of 1000 recent messages were reported as spam/);
    expect(complaint).toContain('the limit is 0.3 %');
    const warning = reasonFor(judge(tally({ complaintSends: 1000, complaints: 2 }), DEFAULTS));
    expect(warning).toMatch(/^Reputation circuit breaker warning: 0\.20 %.*warning above 0\.1 %, a pause above 0\.3 %/);
    expect(reasonFor(judge(tally({ complaintSends: 1000 }), DEFAULTS))).toBeNull();
  });

  it('counts complaints over complaintDays, or since the last resume when that is later', () => {
    const now = new Date('2025-03-10T12:00:00Z');
    expect(complaintsSince(now, 7, null).toISOString()).toBe('2025-03-03T12:00:00.000Z');
    expect(complaintsSince(now, 1, null).toISOString()).toBe('2025-03-09T12:00:00.000Z');
    const resumed = new Date('2025-03-08T00:00:00Z');
    expect(complaintsSince(now, 7, resumed)).toEqual(resumed);
    expect(complaintsSince(now, 1, resumed).toISOString()).toBe('2025-03-09T12:00:00.000Z');
  });
});
