import { promises as dns } from 'node:dns';
import net from 'node:net';

/**
 * The three questions the domain check asks DNS, behind an interface so the SPF evaluator and the
 * checks can be tested with an in-memory zone, and run in production through `node:dns` with the
 * resolver the admin configured (tests point it at a DNS server on 127.0.0.1).
 *
 * "No such name" and "no such record" are answers (null or []); anything else (timeout, SERVFAIL,
 * refused) throws DnsTemporaryError, which the checks report as `error` instead of a verdict.
 */
export interface DnsLookup {
  /** Each TXT record with its strings joined, or null when the name or the TXT records don't exist. */
  txt(name: string): Promise<string[] | null>;
  addresses(name: string, family: 4 | 6): Promise<string[]>;
  /** Exchange names, most preferred first. */
  mx(name: string): Promise<string[]>;
}

export interface ResolverOptions {
  /** `host:port` or `host` (port 53); the system's resolvers when empty. */
  servers?: string[];
  /** How long one query may wait for an answer. */
  timeoutMs?: number;
}

export const DEFAULT_DNS_TIMEOUT_MS = 5000;

export class DnsTemporaryError extends Error {
  constructor(
    readonly code: string,
    readonly query: string,
  ) {
    super(`DNS lookup of ${query} failed (${code})`);
    this.name = 'DnsTemporaryError';
  }
}

// ENOTFOUND is NXDOMAIN, ENODATA a name without records of that type: both mean "not published".
const ABSENT = new Set<string>([dns.NOTFOUND, dns.NODATA]);

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'EUNKNOWN';
}

/**
 * c-ares (1.34) gives up on an unanswered query after about twice its timeout, so the deadline is
 * kept here: past `timeoutMs` the lookup is an error, and c-ares finishes the query on its own.
 */
function deadline<T>(query: string, timeoutMs: number, run: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DnsTemporaryError(dns.TIMEOUT, query)), timeoutMs);
  });
  return Promise.race([run, expired]).finally(() => clearTimeout(timer));
}

async function ask<T>(query: string, timeoutMs: number, run: () => Promise<T>, absent: T): Promise<T> {
  try {
    return await deadline(query, timeoutMs, run());
  } catch (error) {
    if (error instanceof DnsTemporaryError) throw error;
    const code = codeOf(error);
    if (ABSENT.has(code)) return absent;
    throw new DnsTemporaryError(code, query);
  }
}

/** `host:port` as c-ares wants it: IPv6 addresses with a port go in brackets. */
function serverAddress(server: string): string {
  return net.isIPv6(server) ? `[${server}]` : server;
}

export function createDnsLookup(options: ResolverOptions = {}): DnsLookup {
  const timeoutMs = options.timeoutMs ?? DEFAULT_DNS_TIMEOUT_MS;
  // One try per query: c-ares would otherwise retry several times past our deadline.
  const resolver = new dns.Resolver({ timeout: timeoutMs, tries: 1 });
  if (options.servers?.length) resolver.setServers(options.servers.map(serverAddress));

  return {
    txt: (name) =>
      ask(
        `TXT ${name}`,
        timeoutMs,
        async () => (await resolver.resolveTxt(name)).map((strings) => strings.join('')),
        null,
      ),
    addresses: (name, family) =>
      ask(
        `${family === 4 ? 'A' : 'AAAA'} ${name}`,
        timeoutMs,
        () => resolver[family === 4 ? 'resolve4' : 'resolve6'](name),
        [],
      ),
    mx: (name) =>
      ask(
        `MX ${name}`,
        timeoutMs,
        async () =>
          (await resolver.resolveMx(name)).sort((a, b) => a.priority - b.priority).map((record) => record.exchange),
        [],
      ),
  };
}
