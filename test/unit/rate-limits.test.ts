import { describe, expect, it } from 'vitest';
import { WindowCounter, clientKey } from '../../server/src/services/audience/rate-limits';

describe('WindowCounter', () => {
  it('allows `limit` hits per window and says when to come back', () => {
    const counter = new WindowCounter();
    const results = Array.from({ length: 4 }, () => counter.hit('k', 3, 60_000, 1_000));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3].retryAfterSeconds).toBe(60);
    expect(counter.hit('other', 3, 60_000, 1_000).allowed).toBe(true);
    expect(counter.hit('k', 3, 60_000, 61_000).allowed).toBe(true);
  });
});

describe('clientKey', () => {
  it('counts IPv4 clients by address and IPv6 clients by their /64', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('2001:db8:aa:bb:1:2:3:4')).toBe('2001:db8:aa:bb::/64');
    expect(clientKey('2001:db8:aa:bb::99')).toBe('2001:db8:aa:bb::/64');
    expect(clientKey('2001:0db8:00aa:00bb:ffff::1')).toBe('2001:db8:aa:bb::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
