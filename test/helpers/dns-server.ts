/**
 * A real DNS server for tests: UDP and TCP on 127.0.0.1 and one free port, answering A, AAAA, MX
 * and TXT from an in-memory zone (dns-packet encodes and decodes the wire format). A name not in
 * the zone is NXDOMAIN; a name in it without records of the asked type is an empty answer (NODATA).
 * Answers too large for the client's UDP size go out truncated, so the client retries over TCP
 * as it would against a real server (a 4096-bit DKIM key does not fit in 512 bytes).
 *
 * `silent: true` makes a server that reads every query and never answers: a resolver timeout.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import * as dnsPacket from 'dns-packet';
import type { Answer, DecodedPacket, Packet, Question } from 'dns-packet';

export interface ZoneEntry {
  /** One TXT record per item: a string is split in 255-byte strings as a zone file would; an array is kept as is. */
  TXT?: (string | string[])[];
  A?: string[];
  AAAA?: string[];
  /** Exchange names; preference follows the order. */
  MX?: string[];
  /** Answer SERVFAIL for this name, whatever the type. */
  SERVFAIL?: boolean;
}

/** Names are matched without case and without a trailing dot. */
export type Zone = Record<string, ZoneEntry>;

export interface DnsQueryLog {
  name: string;
  type: string;
  transport: 'udp' | 'tcp';
}

export interface TestDnsServer {
  host: '127.0.0.1';
  port: number;
  /** `127.0.0.1:port`, the form a resolver's server list takes. */
  address: string;
  /** Editable while the server runs. */
  zone: Zone;
  queries: DnsQueryLog[];
  stop(): Promise<void>;
}

const RCODE = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3 } as const;
const PLAIN_UDP_LIMIT = 512;

const EDNS: Answer = {
  type: 'OPT',
  name: '.',
  udpPayloadSize: 1232,
  extendedRcode: 0,
  ednsVersion: 0,
  flags: 0,
  flag_do: false,
  options: [],
};

function chunks(value: string | string[]): string[] {
  if (Array.isArray(value)) return value;
  const parts: string[] = [];
  for (let at = 0; at < value.length; at += 255) parts.push(value.slice(at, at + 255));
  return parts.length ? parts : [''];
}

function lookup(zone: Zone, name: string): ZoneEntry | undefined {
  const wanted = name.toLowerCase().replace(/\.$/, '');
  const key = Object.keys(zone).find((candidate) => candidate.toLowerCase().replace(/\.$/, '') === wanted);
  return key === undefined ? undefined : zone[key];
}

function answersFor(entry: ZoneEntry, question: Question): Answer[] {
  const base = { name: question.name, ttl: 60, class: 'IN' as const };
  switch (question.type) {
    case 'TXT':
      return (entry.TXT ?? []).map((value) => ({ ...base, type: 'TXT' as const, data: chunks(value) }));
    case 'A':
    case 'AAAA':
      return (entry[question.type] ?? []).map((data) => ({ ...base, type: question.type as 'A' | 'AAAA', data }));
    case 'MX':
      return (entry.MX ?? []).map((exchange, index) => ({
        ...base,
        type: 'MX' as const,
        data: { preference: (index + 1) * 10, exchange },
      }));
    default:
      return [];
  }
}

function respond(zone: Zone, query: DecodedPacket): Packet {
  const question = query.questions?.[0];
  const entry = question ? lookup(zone, question.name) : undefined;
  const rcode = !question || !entry ? RCODE.NXDOMAIN : entry.SERVFAIL ? RCODE.SERVFAIL : RCODE.NOERROR;
  const opt = query.additionals?.find((record) => record.type === 'OPT');
  return {
    type: 'response',
    id: query.id,
    flags: dnsPacket.AUTHORITATIVE_ANSWER | ((query.flags ?? 0) & dnsPacket.RECURSION_DESIRED) | rcode,
    questions: query.questions,
    answers: entry && question && rcode === RCODE.NOERROR ? answersFor(entry, question) : [],
    // Answer EDNS with EDNS (RFC 6891), offering the size DNS flag day 2020 settled on.
    additionals: opt ? [EDNS] : [],
  };
}

/** The client's UDP size: its EDNS payload size, or 512 bytes without EDNS. */
function udpLimit(query: DecodedPacket): number {
  const opt = query.additionals?.find((record) => record.type === 'OPT');
  return opt && 'udpPayloadSize' in opt ? Math.max(PLAIN_UDP_LIMIT, opt.udpPayloadSize) : PLAIN_UDP_LIMIT;
}

function log(queries: DnsQueryLog[], query: DecodedPacket, transport: DnsQueryLog['transport']): void {
  for (const question of query.questions ?? []) queries.push({ name: question.name, type: question.type, transport });
}

async function bindUdp(socket: dgram.Socket, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => {
      socket.off('error', reject);
      resolve();
    });
  });
  return socket.address().port;
}

async function listenTcp(server: net.Server, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function serveTcp(socket: net.Socket, answer: (query: DecodedPacket) => Packet | null): void {
  let pending = Buffer.alloc(0);
  socket.on('error', () => socket.destroy());
  socket.on('data', (data) => {
    pending = Buffer.concat([pending, data]);
    // Each message is preceded by its length (RFC 1035 section 4.2.2).
    while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
      const message = pending.subarray(2, 2 + pending.readUInt16BE(0));
      pending = pending.subarray(2 + message.length);
      const response = answer(dnsPacket.decode(message));
      if (response) socket.write(dnsPacket.streamEncode(response));
    }
  });
}

export async function startDnsServer(options: { zone?: Zone; silent?: boolean } = {}): Promise<TestDnsServer> {
  const zone: Zone = options.zone ?? {};
  const queries: DnsQueryLog[] = [];
  const sockets = new Set<net.Socket>();
  const answer = (query: DecodedPacket, transport: DnsQueryLog['transport']): Packet | null => {
    log(queries, query, transport);
    return options.silent ? null : respond(zone, query);
  };

  // UDP takes a free port, then TCP the same one; another process may hold it for TCP, so try again.
  for (let attempt = 0; ; attempt += 1) {
    const udp = dgram.createSocket('udp4');
    const tcp = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      serveTcp(socket, (query) => answer(query, 'tcp'));
    });
    const port = await bindUdp(udp, 0);
    try {
      await listenTcp(tcp, port);
    } catch (error) {
      udp.close();
      if (attempt >= 5) throw error;
      continue;
    }

    udp.on('message', (message, from) => {
      let query: DecodedPacket;
      try {
        query = dnsPacket.decode(message);
      } catch {
        return; // Not DNS: a real server drops it too.
      }
      const response = answer(query, 'udp');
      if (!response) return;
      let wire = dnsPacket.encode(response);
      if (wire.length > udpLimit(query)) {
        wire = dnsPacket.encode({
          ...response,
          flags: (response.flags ?? 0) | dnsPacket.TRUNCATED_RESPONSE,
          answers: [],
        });
      }
      udp.send(wire, from.port, from.address);
    });

    return {
      host: '127.0.0.1',
      port,
      address: `127.0.0.1:${port}`,
      zone,
      queries,
      async stop() {
        for (const socket of sockets) socket.destroy();
        await Promise.all([
          new Promise<void>((resolve) => udp.close(() => resolve())),
          new Promise<void>((resolve) => tcp.close(() => resolve())),
        ]);
      },
    };
  }
}
