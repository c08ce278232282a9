import net from 'node:net';

/**
 * SPF records (RFC 7208) as terms: parsing, address matching and the text edits that turn a record
 * into the one to publish. Pure; the evaluation that needs DNS is in spf-evaluate.ts.
 */
export type Qualifier = '+' | '-' | '~' | '?';

export type Mechanism =
  | { kind: 'all'; qualifier: Qualifier }
  | { kind: 'include' | 'exists'; qualifier: Qualifier; domain: string }
  | { kind: 'a' | 'mx'; qualifier: Qualifier; domain: string | null; cidr4: number; cidr6: number }
  | { kind: 'ptr'; qualifier: Qualifier; domain: string | null }
  | { kind: 'ip4' | 'ip6'; qualifier: Qualifier; address: string; prefix: number };

export interface SpfRecord {
  mechanisms: Mechanism[];
  redirect: string | null;
}

export type ParsedSpf = { ok: true; record: SpfRecord } | { ok: false; error: string };

/** A TXT value is an SPF record when it is exactly `v=spf1` or starts with `v=spf1 ` (section 4.5). */
export function isSpfRecord(txt: string): boolean {
  return /^v=spf1(\s|$)/i.test(txt.trim());
}

const MECHANISM = /^([+\-~?]?)([a-z0-9]+)(?::([^/]+))?((?:\/\d+)?(?:\/\/\d+)?)$/i;
const MODIFIER = /^([a-z][a-z0-9_.-]*)=(.*)$/i;

function cidrs(suffix: string): { cidr4: number; cidr6: number } | null {
  const match = /^(?:\/(\d+))?(?:\/\/(\d+))?$/.exec(suffix);
  if (!match) return null;
  const cidr4 = match[1] === undefined ? 32 : Number(match[1]);
  const cidr6 = match[2] === undefined ? 128 : Number(match[2]);
  return cidr4 <= 32 && cidr6 <= 128 ? { cidr4, cidr6 } : null;
}

function parseMechanism(term: string): Mechanism | string {
  const match = MECHANISM.exec(term);
  if (!match) return `"${term}" is not an SPF term`;
  const qualifier = (match[1] || '+') as Qualifier;
  const kind = match[2].toLowerCase();
  const target = match[3] ?? null;
  const suffix = match[4];
  switch (kind) {
    case 'all':
      return target === null && !suffix ? { kind, qualifier } : `"${term}" takes no argument`;
    case 'include':
    case 'exists':
      return target && !suffix ? { kind, qualifier, domain: target } : `"${term}" needs a domain`;
    case 'ptr':
      return suffix ? `"${term}" takes no prefix length` : { kind, qualifier, domain: target };
    case 'a':
    case 'mx': {
      const lengths = cidrs(suffix);
      return lengths ? { kind, qualifier, domain: target, ...lengths } : `"${term}" has an invalid prefix length`;
    }
    case 'ip4':
    case 'ip6': {
      const family = kind === 'ip4' ? 4 : 6;
      const prefix = suffix ? Number(suffix.slice(1)) : family === 4 ? 32 : 128;
      const valid =
        target !== null &&
        net.isIP(target) === family &&
        /^(\/\d+)?$/.test(suffix) &&
        prefix <= (family === 4 ? 32 : 128);
      return valid ? { kind, qualifier, address: target, prefix } : `"${term}" is not a valid ${kind} network`;
    }
    default:
      return `"${term}" is not an SPF mechanism`;
  }
}

/** Parses one SPF record; any error makes the whole record a permerror, as receivers treat it. */
export function parseSpf(txt: string): ParsedSpf {
  if (!isSpfRecord(txt)) return { ok: false, error: 'the record does not start with v=spf1' };
  const mechanisms: Mechanism[] = [];
  let redirect: string | null = null;
  for (const term of txt.trim().split(/\s+/).slice(1)) {
    const modifier = MECHANISM.test(term) ? null : MODIFIER.exec(term);
    if (modifier) {
      const name = modifier[1].toLowerCase();
      if (name === 'redirect') {
        if (redirect !== null) return { ok: false, error: 'redirect= appears twice' };
        redirect = modifier[2];
      }
      // exp= and unknown modifiers do not change the result (section 6).
      continue;
    }
    const mechanism = parseMechanism(term);
    if (typeof mechanism === 'string') return { ok: false, error: mechanism };
    mechanisms.push(mechanism);
  }
  return { ok: true, record: { mechanisms, redirect } };
}

/** Whether `ip` lies in `network/prefix`; addresses of the other family never do. */
export function inNetwork(ip: string, network: string, prefix: number): boolean {
  const family = net.isIP(ip);
  if (family === 0 || family !== net.isIP(network)) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const list = new net.BlockList();
  list.addSubnet(network, prefix, type);
  return list.check(ip, type);
}

/** Macros (%{i}, %{s}...) need the sender's address and IP, which a domain check does not have. */
export function hasMacro(domain: string): boolean {
  return domain.includes('%');
}

function sameMechanism(term: string, mechanism: string): boolean {
  return term.replace(/^[+\-~?]/, '').toLowerCase() === mechanism.toLowerCase();
}

const ALL_TERM = /^[+\-~?]?all$/i;

/**
 * `record` with `mechanism` added where receivers will reach it: before `all` (which ends the
 * evaluation) or a redirect=, else at the end. A copy of the mechanism that sat after `all`, or
 * with another qualifier, is moved rather than duplicated.
 */
export function addMechanism(record: string, mechanism: string): string {
  const terms = record
    .trim()
    .split(/\s+/)
    .filter((term) => !sameMechanism(term, mechanism));
  const at = terms.findIndex((term, index) => index > 0 && (ALL_TERM.test(term) || /^redirect=/i.test(term)));
  terms.splice(at === -1 ? terms.length : at, 0, mechanism);
  return terms.join(' ');
}

/**
 * Several SPF records at one name are a permerror (section 4.5): one record holding the terms of
 * all of them, the first record's `all` (or ~all) at the end, and `mechanism` added.
 */
export function mergeRecords(records: string[], mechanism: string): string {
  const seen = new Set<string>();
  const terms: string[] = [];
  let all: string | null = null;
  let redirect = false;
  for (const term of records.flatMap((record) => record.trim().split(/\s+/).slice(1))) {
    if (ALL_TERM.test(term)) {
      all ??= term;
      continue;
    }
    // A second redirect= would itself be a permerror.
    if (/^redirect=/i.test(term) && redirect) continue;
    redirect ||= /^redirect=/i.test(term);
    const key = term.toLowerCase();
    if (!seen.has(key)) terms.push(term);
    seen.add(key);
  }
  return addMechanism(['v=spf1', ...terms, all ?? '~all'].join(' '), mechanism);
}

/** The record for a domain that has none: the provider, and a soft fail for everyone else. */
export function newRecord(mechanism: string): string {
  return `v=spf1 ${mechanism} ~all`;
}
