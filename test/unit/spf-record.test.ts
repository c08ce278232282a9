import { describe, expect, it } from 'vitest';
import { DnsTemporaryError, type DnsLookup } from '../../server/src/services/deliverability/dns-lookup';
import { evaluateSpf } from '../../server/src/services/deliverability/spf-evaluate';
import {
  addMechanism,
  inNetwork,
  isSpfRecord,
  mergeRecords,
  parseSpf,
} from '../../server/src/services/deliverability/spf-record';

// An in-memory DNS: what the evaluator sees, without a server (the integration test has one).
interface Names {
  txt?: Record<string, string[]>;
  a?: Record<string, string[]>;
  aaaa?: Record<string, string[]>;
  mx?: Record<string, string[]>;
  failing?: string[];
}

function memoryDns(names: Names): DnsLookup & { asked: string[] } {
  const asked: string[] = [];
  const get = <T>(table: Record<string, T> | undefined, name: string, absent: T): T => {
    asked.push(name);
    if (names.failing?.includes(name)) throw new DnsTemporaryError('ETIMEOUT', name);
    return table?.[name] ?? absent;
  };
  return {
    asked,
    txt: async (name) => get(names.txt, name, null),
    addresses: async (name, family) => get(family === 4 ? names.a : names.aaaa, name, []),
    mx: async (name) => get(names.mx, name, []),
  };
}

describe('parseSpf', () => {
  it('reads mechanisms with qualifiers, domains and prefix lengths, and the redirect', () => {
    const parsed = parseSpf(
      'v=spf1 a mx:mail.example.com/24//64 ip4:192.0.2.0/24 ip6:2001:db8::/32 -include:x.test ~all',
    );
    expect(parsed).toEqual({
      ok: true,
      record: {
        redirect: null,
        mechanisms: [
          { kind: 'a', qualifier: '+', domain: null, cidr4: 32, cidr6: 128 },
          { kind: 'mx', qualifier: '+', domain: 'mail.example.com', cidr4: 24, cidr6: 64 },
          { kind: 'ip4', qualifier: '+', address: '192.0.2.0', prefix: 24 },
          { kind: 'ip6', qualifier: '+', address: '2001:db8::', prefix: 32 },
          { kind: 'include', qualifier: '-', domain: 'x.test' },
          { kind: 'all', qualifier: '~' },
        ],
      },
    });
    expect(parseSpf('v=spf1 redirect=_spf.example.com exp=explain.example.com')).toEqual({
      ok: true,
      record: { mechanisms: [], redirect: '_spf.example.com' },
    });
  });

  it('refuses what receivers treat as a permerror', () => {
    for (const record of [
      'v=spf1 ip4:300.1.1.1 ~all',
      'v=spf1 ip4:192.0.2.0/33',
      'v=spf1 ip6:192.0.2.1',
      'v=spf1 include ~all',
      'v=spf1 a/40',
      'v=spf1 frobnicate ~all',
      'v=spf1 redirect=a.test redirect=b.test',
    ]) {
      expect(parseSpf(record), record).toMatchObject({ ok: false });
    }
  });

  it('recognises SPF records among TXT values', () => {
    expect(isSpfRecord('v=spf1 -all')).toBe(true);
    expect(isSpfRecord('V=SPF1')).toBe(true);
    expect(isSpfRecord('v=spf10 -all')).toBe(false);
    expect(isSpfRecord('google-site-verification=abc')).toBe(false);
  });
});

describe('inNetwork', () => {
  it('matches IPv4 and IPv6 CIDR ranges and never across families', () => {
    expect(inNetwork('127.0.0.7', '127.0.0.0', 8)).toBe(true);
    expect(inNetwork('128.0.0.1', '127.0.0.0', 8)).toBe(false);
    expect(inNetwork('2001:db8::5', '2001:db8::', 32)).toBe(true);
    expect(inNetwork('2001:db9::5', '2001:db8::', 32)).toBe(false);
    expect(inNetwork('127.0.0.1', '2001:db8::', 0)).toBe(false);
  });
});

describe('the record to publish', () => {
  it('adds the mechanism before all, or before a redirect, or at the end', () => {
    expect(addMechanism('v=spf1 mx -all', 'include:sendgrid.net')).toBe('v=spf1 mx include:sendgrid.net -all');
    expect(addMechanism('v=spf1 mx redirect=_spf.example.com', 'a:smtp.example.com')).toBe(
      'v=spf1 mx a:smtp.example.com redirect=_spf.example.com',
    );
    expect(addMechanism('v=spf1 mx', 'include:mailgun.org')).toBe('v=spf1 mx include:mailgun.org');
  });

  it('moves a mechanism that sat after all instead of repeating it', () => {
    expect(addMechanism('v=spf1 ~all include:sendgrid.net', 'include:sendgrid.net')).toBe(
      'v=spf1 include:sendgrid.net ~all',
    );
  });

  it('merges two records into one with the provider added', () => {
    expect(
      mergeRecords(
        ['v=spf1 include:_spf.google.com ~all', 'v=spf1 mx include:_spf.google.com -all'],
        'include:sendgrid.net',
      ),
    ).toBe('v=spf1 include:_spf.google.com mx include:sendgrid.net ~all');
  });
});

describe('evaluateSpf', () => {
  const provider = { kind: 'include' as const, domains: ['sendgrid.net'] };

  it('finds a provider include through nested includes and a redirect', async () => {
    const dns = memoryDns({
      txt: {
        'example.test': ['v=spf1 redirect=_spf.example.test'],
        '_spf.example.test': ['v=spf1 include:corp.test ~all'],
        'corp.test': ['v=spf1 include:sendgrid.net -all'],
        'sendgrid.net': ['v=spf1 ip4:167.89.0.0/17 -all'],
      },
    });
    expect(await evaluateSpf('example.test', provider, dns)).toEqual({ result: 'pass', lookups: 3, reason: null });
  });

  it('does not count an include placed after all, which receivers never reach', async () => {
    const dns = memoryDns({ txt: { 'example.test': ['v=spf1 -all include:sendgrid.net'] } });
    expect((await evaluateSpf('example.test', provider, dns)).result).toBe('fail');
  });

  it('answers permerror past ten lookups', async () => {
    const txt: Record<string, string[]> = { 'sendgrid.net': ['v=spf1 -all'] };
    for (let i = 0; i < 11; i += 1) txt[`l${i}.test`] = [`v=spf1 include:l${i + 1}.test -all`];
    txt['l11.test'] = ['v=spf1 include:sendgrid.net -all'];
    const outcome = await evaluateSpf('l0.test', provider, memoryDns({ txt }));
    expect(outcome).toMatchObject({ result: 'permerror', lookups: 11 });
    expect(outcome.reason).toMatch(/more than 10 DNS lookups/);
  });

  it('answers permerror for two records or an include without a record, temperror when DNS fails', async () => {
    const two = memoryDns({ txt: { 'example.test': ['v=spf1 -all', 'v=spf1 ~all'] } });
    expect((await evaluateSpf('example.test', provider, two)).result).toBe('permerror');
    const dangling = memoryDns({ txt: { 'example.test': ['v=spf1 include:gone.test ~all'] } });
    expect((await evaluateSpf('example.test', provider, dangling)).result).toBe('permerror');
    const failing = memoryDns({ txt: { 'example.test': ['v=spf1 include:slow.test ~all'] }, failing: ['slow.test'] });
    expect((await evaluateSpf('example.test', provider, failing)).result).toBe('temperror');
  });

  it('matches an address through a, mx, ip4 and ip6 with prefix lengths', async () => {
    const dns = memoryDns({
      txt: {
        'a.test': ['v=spf1 a:smtp.a.test/24 -all'],
        'mx.test': ['v=spf1 mx -all'],
        'ip.test': ['v=spf1 ip4:127.0.0.0/8 ip6:2001:db8::/48 -all'],
      },
      a: { 'smtp.a.test': ['127.0.5.1'], 'in.mx.test': ['127.0.0.9'] },
      mx: { 'mx.test': ['in.mx.test'] },
    });
    const verdict = async (domain: string, ip: string) => (await evaluateSpf(domain, { kind: 'ip', ip }, dns)).result;
    expect(await verdict('a.test', '127.0.5.200')).toBe('pass');
    expect(await verdict('a.test', '127.0.6.1')).toBe('fail');
    expect(await verdict('mx.test', '127.0.0.9')).toBe('pass');
    expect(await verdict('ip.test', '127.1.2.3')).toBe('pass');
    expect(await verdict('ip.test', '2001:db8:1::1')).toBe('fail');
    expect(await verdict('ip.test', '2001:db8::1')).toBe('pass');
  });

  it('takes the first matching mechanism, as receivers do', async () => {
    const dns = memoryDns({ txt: { 'example.test': ['v=spf1 -ip4:127.0.0.1 ip4:127.0.0.0/8 ~all'] } });
    expect((await evaluateSpf('example.test', { kind: 'ip', ip: '127.0.0.1' }, dns)).result).toBe('fail');
    expect((await evaluateSpf('example.test', { kind: 'ip', ip: '127.0.0.2' }, dns)).result).toBe('pass');
  });

  it('gives up after more than two lookups that find nothing', async () => {
    const dns = memoryDns({ txt: { 'example.test': ['v=spf1 a:x.test a:y.test a:z.test ip4:127.0.0.1 -all'] } });
    expect(await evaluateSpf('example.test', { kind: 'ip', ip: '127.0.0.1' }, dns)).toMatchObject({
      result: 'permerror',
    });
  });
});
