import type { Check } from './check';
import { DnsTemporaryError, type DnsLookup } from './dns-lookup';
import { parseTags } from './dkim-key';

const POLICIES = new Set(['none', 'quarantine', 'reject']);

/** A DMARC record starts with v=DMARC1 (RFC 7489 section 6.4); its tags share DKIM's syntax. */
export function isDmarcRecord(txt: string): boolean {
  return /^v\s*=\s*DMARC1\s*(;|$)/i.test(txt.trim());
}

/** The record we suggest: monitoring only, with reports to an address at the domain. */
export function starterDmarcRecord(domain: string): string {
  return `v=DMARC1; p=none; rua=mailto:dmarc@${domain}`;
}

const STARTER_NOTE =
  'p=none is a safe start: it changes nothing about delivery and sends reports to the rua address; ' +
  'move to p=quarantine once the reports show all your mail passes.';

/** The domain and its parents, down to two labels: where receivers look for a policy that applies. */
function policyDomains(domain: string): string[] {
  const labels = domain.split('.');
  return labels.slice(0, Math.max(1, labels.length - 1)).map((_, i) => labels.slice(i).join('.'));
}

async function records(name: string, dns: DnsLookup): Promise<string[]> {
  return ((await dns.txt(name)) ?? []).filter(isDmarcRecord);
}

function judge(domain: string, at: string, found: string[]): Check {
  const name = `_dmarc.${at}`;
  const fix = starterDmarcRecord(domain);
  const text = found.join('\n');
  if (found.length > 1) {
    return {
      status: 'fail',
      name,
      found: text,
      fix,
      message: `${name} has ${found.length} DMARC records; publish one.`,
    };
  }
  const policy = parseTags(found[0]).get('p')?.toLowerCase();
  if (!policy || !POLICIES.has(policy)) {
    return { status: 'fail', name, found: text, fix, message: `The DMARC record at ${name} has no valid p= policy.` };
  }
  const inherited = at === domain ? '' : ` (inherited from ${at}; its sp= applies if set)`;
  return { status: 'pass', name, found: text, fix: null, message: `DMARC policy p=${policy}${inherited}.` };
}

/**
 * Whether a DMARC policy covers `domain`. Without a record of its own, receivers use the one of
 * the organisational domain; we walk up the parents (as the DMARCbis tree walk does) rather than
 * ship a public suffix list.
 */
export async function checkDmarc(domain: string, dns: DnsLookup): Promise<Check> {
  const name = `_dmarc.${domain}`;
  try {
    for (const at of policyDomains(domain)) {
      const found = await records(`_dmarc.${at}`, dns);
      if (found.length > 0) return judge(domain, at, found);
    }
  } catch (error) {
    if (!(error instanceof DnsTemporaryError)) throw error;
    return { status: 'error', name, found: null, fix: null, message: `${error.message}; try again later.` };
  }
  return {
    status: 'missing',
    name,
    found: null,
    fix: starterDmarcRecord(domain),
    message: `No DMARC record at ${name}; Gmail and Yahoo require one of bulk senders. ${STARTER_NOTE}`,
  };
}
