import { isIP } from 'node:net';

/** The longest address kept: an IPv6 address with a zone id stays well under it. */
const MAX_ADDRESS = 64;

/** An address as a proxy may write it, without brackets or port: `[2001:db8::1]:443`, `203.0.113.7:80`. */
function bare(value: string): string {
  const trimmed = value.trim().slice(0, MAX_ADDRESS + 16);
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(trimmed);
  if (bracketed) return bracketed[1];
  const withPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(trimmed);
  return withPort ? withPort[1] : trimmed;
}

/**
 * The client's address: `ctx.request.ip` as Strapi's `server.proxy` settings define it, when it
 * is an IP address (`net.isIP`); otherwise the socket's own peer, then `unknown`. A trusted proxy
 * that forwards garbage or an over-long IPv6 address gets a normal answer, counted under its
 * own address, never a 500. See docs/architecture.md, "Public API and pages".
 */
export function clientAddress(requestIp: unknown, socketAddress: unknown): string {
  for (const candidate of [requestIp, socketAddress]) {
    if (typeof candidate !== 'string') continue;
    const address = bare(candidate);
    if (address.length <= MAX_ADDRESS && isIP(address.split('%')[0])) return address;
  }
  return 'unknown';
}

/**
 * The key a client is counted under: its IPv4 address, or the /64 network of an IPv6 address,
 * since one IPv6 host can take any address of its /64 at will. Anything that is not an address
 * is its own key.
 */
export function clientKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  const address = ip.split('%')[0].toLowerCase();
  if (isIP(address) !== 6) return ip;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
