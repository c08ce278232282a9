import type { Check } from './check';
import { checkDkim, type DkimSettings } from './dkim-check';
import { checkDmarc } from './dmarc-check';
import { createDnsLookup, type DnsLookup, type ResolverOptions } from './dns-lookup';
import { checkSpf, type SpfProvider } from './spf-check';

export type { Check, CheckStatus } from './check';

export interface DomainCheckInput {
  /** The domain of the provider's From address. */
  fromDomain: string;
  provider: SpfProvider;
  dkim?: DkimSettings | null;
  resolver: ResolverOptions;
}

export interface DomainCheckResult {
  spf: Check;
  dkim: Check;
  dmarc: Check;
}

/** `Example.COM.` and `example.com` are the same DNS name. */
function normaliseDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * What DNS says about a provider's From domain: SPF, DKIM and DMARC, each with the record to
 * publish when one is missing or wrong. The three run side by side, so the whole check takes
 * about as long as its longest chain of lookups; DNS trouble becomes an `error` line, never a throw.
 * `dns` replaces the resolver built from `input.resolver` (tests of the decisions).
 */
export async function checkDomain(input: DomainCheckInput, dns?: DnsLookup): Promise<DomainCheckResult> {
  const lookup = dns ?? createDnsLookup(input.resolver);
  const domain = normaliseDomain(input.fromDomain);
  const dkim = input.dkim ? { ...input.dkim, domainName: normaliseDomain(input.dkim.domainName) } : null;
  const [spf, dkimCheck, dmarc] = await Promise.all([
    checkSpf(domain, input.provider, lookup),
    checkDkim(dkim, lookup),
    checkDmarc(domain, lookup),
  ]);
  return { spf, dkim: dkimCheck, dmarc };
}
