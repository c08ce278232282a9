import type { DnsLookup } from './dns-lookup';
import { DnsTemporaryError } from './dns-lookup';
import { hasMacro, inNetwork, isSpfRecord, parseSpf, type Mechanism, type Qualifier } from './spf-record';

/**
 * check_host() of RFC 7208 section 4, for one of two questions:
 * - `ip`: would mail from this address pass? (a custom SMTP host: its resolved addresses)
 * - `include`: does the record reach one of these includes? (a known provider, whose sending
 *   addresses we don't know but whose documented include we do). The include counts as a match,
 *   and its own record is still walked, because its lookups count against the same limit.
 * Terms are taken in order and the first match decides, as receivers do, so an include placed
 * after `-all` authorises nothing.
 */
export type SpfTarget = { kind: 'ip'; ip: string } | { kind: 'include'; domains: string[] };

export type SpfResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'permerror' | 'temperror';

export interface SpfOutcome {
  result: SpfResult;
  /** DNS-querying terms evaluated (include, a, mx, ptr, exists, redirect): at most 10 are allowed. */
  lookups: number;
  /** Why, in a sentence, when the result is not decided by a plain mechanism match. */
  reason: string | null;
}

/** Section 4.6.4. */
export const SPF_LOOKUP_LIMIT = 10;
const VOID_LOOKUP_LIMIT = 2;
const MX_LIMIT = 10;

const QUALIFIER_RESULT: Record<Qualifier, SpfResult> = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' };

/** Ends the evaluation from any depth with a permerror or temperror. */
class Abort extends Error {
  constructor(
    readonly result: 'permerror' | 'temperror',
    readonly reason: string,
  ) {
    super(reason);
  }
}

interface Walk {
  target: SpfTarget;
  dns: DnsLookup;
  lookups: number;
  voids: number;
}

function countLookup(walk: Walk): void {
  walk.lookups += 1;
  if (walk.lookups > SPF_LOOKUP_LIMIT) {
    throw new Abort('permerror', `the record needs more than ${SPF_LOOKUP_LIMIT} DNS lookups (RFC 7208 limit)`);
  }
}

async function query<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DnsTemporaryError) throw new Abort('temperror', error.message);
    throw error;
  }
}

async function addressesMatch(walk: Walk, ip: string, name: string, cidr4: number, cidr6: number): Promise<boolean> {
  const family = ip.includes(':') ? 6 : 4;
  const found = await query(() => walk.dns.addresses(name, family));
  if (found.length === 0) {
    walk.voids += 1;
    if (walk.voids > VOID_LOOKUP_LIMIT) throw new Abort('permerror', 'more than 2 lookups found no record');
  }
  return found.some((address) => inNetwork(ip, address, family === 4 ? cidr4 : cidr6));
}

async function matches(walk: Walk, mechanism: Mechanism, domain: string): Promise<boolean> {
  const { target } = walk;
  switch (mechanism.kind) {
    case 'all':
      return true;
    case 'ip4':
    case 'ip6':
      return target.kind === 'ip' && inNetwork(target.ip, mechanism.address, mechanism.prefix);
    case 'include': {
      countLookup(walk);
      const wanted = target.kind === 'include' && target.domains.includes(mechanism.domain.toLowerCase());
      const inner = await checkHost(walk, mechanism.domain);
      if (inner === 'none') throw new Abort('permerror', `include:${mechanism.domain} has no SPF record`);
      return wanted || inner === 'pass';
    }
    case 'a':
    case 'mx': {
      countLookup(walk);
      if (target.kind !== 'ip') return false;
      const name = mechanism.domain ?? domain;
      if (hasMacro(name)) return false;
      if (mechanism.kind === 'a') return addressesMatch(walk, target.ip, name, mechanism.cidr4, mechanism.cidr6);
      const exchanges = await query(() => walk.dns.mx(name));
      if (exchanges.length > MX_LIMIT) throw new Abort('permerror', `mx:${name} has more than ${MX_LIMIT} records`);
      for (const exchange of exchanges) {
        if (await addressesMatch(walk, target.ip, exchange, mechanism.cidr4, mechanism.cidr6)) return true;
      }
      return false;
    }
    case 'exists': {
      countLookup(walk);
      if (target.kind !== 'ip' || hasMacro(mechanism.domain)) return false;
      return (await query(() => walk.dns.addresses(mechanism.domain, 4))).length > 0;
    }
    case 'ptr':
      // Deprecated (section 5.5) and answered by the sender's reverse DNS, which we don't have.
      countLookup(walk);
      return false;
  }
}

async function checkHost(walk: Walk, domain: string): Promise<SpfResult> {
  const records = ((await query(() => walk.dns.txt(domain))) ?? []).filter(isSpfRecord);
  if (records.length === 0) return 'none';
  if (records.length > 1) throw new Abort('permerror', `${domain} publishes ${records.length} SPF records`);
  const parsed = parseSpf(records[0]);
  if (!parsed.ok) throw new Abort('permerror', `the SPF record of ${domain} is invalid: ${parsed.error}`);

  for (const mechanism of parsed.record.mechanisms) {
    if (await matches(walk, mechanism, domain)) return QUALIFIER_RESULT[mechanism.qualifier];
  }
  // A redirect is only reached without `all`, which always matches (section 6.1).
  if (parsed.record.redirect !== null) {
    countLookup(walk);
    const result = await checkHost(walk, parsed.record.redirect);
    if (result === 'none') throw new Abort('permerror', `redirect=${parsed.record.redirect} has no SPF record`);
    return result;
  }
  return 'neutral';
}

export async function evaluateSpf(domain: string, target: SpfTarget, dns: DnsLookup): Promise<SpfOutcome> {
  const normalised: SpfTarget =
    target.kind === 'include' ? { kind: 'include', domains: target.domains.map((d) => d.toLowerCase()) } : target;
  const walk: Walk = { target: normalised, dns, lookups: 0, voids: 0 };
  try {
    const result = await checkHost(walk, domain);
    return { result, lookups: walk.lookups, reason: null };
  } catch (error) {
    if (!(error instanceof Abort)) throw error;
    return { result: error.result, lookups: walk.lookups, reason: error.reason };
  }
}
