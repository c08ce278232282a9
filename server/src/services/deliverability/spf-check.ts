import net from 'node:net';
import type { Check } from './check';
import { DnsTemporaryError, type DnsLookup } from './dns-lookup';
import { evaluateSpf, type SpfOutcome, type SpfTarget } from './spf-evaluate';
import { addMechanism, isSpfRecord, mergeRecords, newRecord } from './spf-record';

/**
 * The include each preset's provider documents for its customers' SPF records. Brevo's current
 * docs give spf.brevo.com; records written from Sendinblue's docs still say spf.sendinblue.com,
 * which Brevo keeps publishing, so both authorise it. The first one is the one we suggest.
 */
export const PROVIDER_SPF_INCLUDES: Record<string, string[]> = {
  gmail: ['_spf.google.com'],
  'google-workspace': ['_spf.google.com'],
  sendgrid: ['sendgrid.net'],
  ses: ['amazonses.com'],
  mailgun: ['mailgun.org'],
  brevo: ['spf.brevo.com', 'spf.sendinblue.com'],
  postmark: ['spf.mtasv.net'],
};

export interface SpfProvider {
  preset: string;
  host: string | null | undefined;
}

interface Authorisation {
  targets: SpfTarget[];
  /** The mechanism to add to a record that does not authorise the provider. */
  mechanism: string;
  /** The provider, in words, for messages. */
  label: string;
}

async function hostAddresses(host: string, dns: DnsLookup): Promise<string[]> {
  if (net.isIP(host)) return [host];
  const [v4, v6] = await Promise.all([dns.addresses(host, 4), dns.addresses(host, 6)]);
  return [...v4, ...v6];
}

/** What "the provider is authorised" means: its include for a preset, its addresses for a custom host. */
async function authorisation(provider: SpfProvider, dns: DnsLookup): Promise<Authorisation | string> {
  const includes = PROVIDER_SPF_INCLUDES[provider.preset];
  if (includes) {
    return {
      targets: [{ kind: 'include', domains: includes }],
      mechanism: `include:${includes[0]}`,
      label: includes[0],
    };
  }
  const host = provider.host?.trim();
  if (!host) return 'The provider has no SMTP host, so there is nothing to authorise.';
  const addresses = await hostAddresses(host, dns);
  if (addresses.length === 0) return `The SMTP host ${host} does not resolve to any address.`;
  // a:host follows the host if its addresses change; an address literal can only be listed as is.
  const family = net.isIP(host);
  const mechanism = family === 0 ? `a:${host}` : `ip${family}:${host}`;
  return {
    targets: addresses.map((ip) => ({ kind: 'ip', ip })),
    mechanism,
    label: `${host} (${addresses.join(', ')})`,
  };
}

async function firstPass(domain: string, targets: SpfTarget[], dns: DnsLookup): Promise<SpfOutcome> {
  let first: SpfOutcome | null = null;
  for (const target of targets) {
    const outcome = await evaluateSpf(domain, target, dns);
    if (outcome.result === 'pass') return outcome;
    first ??= outcome;
  }
  return first as SpfOutcome;
}

function verdict(domain: string, record: string, outcome: SpfOutcome, auth: Authorisation): Check {
  const base = { name: domain, found: record };
  switch (outcome.result) {
    case 'pass':
      return { ...base, status: 'pass', fix: null, message: `SPF of ${domain} authorises ${auth.label}.` };
    case 'temperror':
      return {
        ...base,
        status: 'error',
        fix: null,
        message: `SPF of ${domain} could not be evaluated: ${outcome.reason}.`,
      };
    case 'permerror':
      return {
        ...base,
        status: 'fail',
        fix: null,
        message: `Receivers reject the SPF of ${domain} as broken: ${outcome.reason}. Remove or flatten includes.`,
      };
    default:
      return {
        ...base,
        status: 'fail',
        fix: addMechanism(record, auth.mechanism),
        message: `SPF of ${domain} does not authorise ${auth.label}: publish it with ${auth.mechanism} added.`,
      };
  }
}

async function evaluate(domain: string, provider: SpfProvider, dns: DnsLookup): Promise<Check> {
  const auth = await authorisation(provider, dns);
  if (typeof auth === 'string') return { status: 'error', name: domain, found: null, fix: null, message: auth };

  const records = ((await dns.txt(domain)) ?? []).filter(isSpfRecord);
  if (records.length === 0) {
    return {
      status: 'missing',
      name: domain,
      found: null,
      fix: newRecord(auth.mechanism),
      message: `${domain} publishes no SPF record, so receivers cannot tell that ${auth.label} may send for it.`,
    };
  }
  if (records.length > 1) {
    return {
      status: 'fail',
      name: domain,
      found: records.join('\n'),
      fix: mergeRecords(records, auth.mechanism),
      message: `${domain} publishes ${records.length} SPF records, an error for receivers (RFC 7208): publish one.`,
    };
  }
  return verdict(domain, records[0], await firstPass(domain, auth.targets, dns), auth);
}

/** Whether the SPF record of `domain` lets `provider` send mail for it. Never throws for DNS trouble. */
export async function checkSpf(domain: string, provider: SpfProvider, dns: DnsLookup): Promise<Check> {
  try {
    return await evaluate(domain, provider, dns);
  } catch (error) {
    if (!(error instanceof DnsTemporaryError)) throw error;
    return { status: 'error', name: domain, found: null, fix: null, message: `${error.message}; try again later.` };
  }
}
