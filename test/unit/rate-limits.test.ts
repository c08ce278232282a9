import { describe, expect, it } from 'vitest';
import { LocalWindows } from '../../server/src/services/audience/rate-limits';
import { clientAddress, clientKey } from '../../server/src/services/audience/client-address';

describe('LocalWindows', () => {
  it('counts hits per key and window, and starts again in the next window', () => {
    const windows = new LocalWindows();
    expect([1, 2, 3].map(() => windows.hit('k', 7))).toEqual([1, 2, 3]);
    expect(windows.hit('other', 7)).toBe(1);
    expect(windows.hit('k', 8)).toBe(1);
  });

  it('stays bounded under a flood of keys, forgetting the least recently seen first', () => {
    const windows = new LocalWindows(100);
    windows.hit('kept', 1);
    for (let i = 0; i < 10_000; i++) {
      windows.hit(`flood-${i}`, 1);
      if (i % 50 === 0) windows.hit('kept', 1);
    }
    expect(windows.size).toBe(100);
    // Seen recently all along, so never evicted: its count went on.
    expect(windows.hit('kept', 1)).toBe(2 + Math.floor(9_999 / 50) + 1);
    // The first flood keys were evicted: a fresh count.
    expect(windows.hit('flood-0', 1)).toBe(1);
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

  it('never throws on what is not an address (an over-long IPv6 once threw a RangeError)', () => {
    expect(clientKey('1:2:3:4:5:6:7:8:9:a:b::c')).toBe('1:2:3:4:5:6:7:8:9:a:b::c');
    expect(clientKey('unknown')).toBe('unknown');
  });
});

describe('clientAddress', () => {
  it('takes the address Strapi read when it is an IP address', () => {
    expect(clientAddress('203.0.113.7', '10.0.0.1')).toBe('203.0.113.7');
    expect(clientAddress('2001:db8::1', '10.0.0.1')).toBe('2001:db8::1');
    expect(clientAddress('[2001:db8::1]:443', '10.0.0.1')).toBe('2001:db8::1');
    expect(clientAddress(' 203.0.113.7:8080 ', '10.0.0.1')).toBe('203.0.113.7');
  });

  it('falls back to the socket peer, then to "unknown", for anything else', () => {
    for (const odd of ['not-an-ip', '1:2:3:4:5:6:7:8:9', `${'1234:'.repeat(40)}1`, '999.1.1.1', '', '<script>'])
      expect(clientAddress(odd, '::ffff:10.0.0.1')).toBe('::ffff:10.0.0.1');
    expect(clientAddress(undefined, undefined)).toBe('unknown');
    expect(clientAddress('garbage', 'garbage')).toBe('unknown');
  });
});
