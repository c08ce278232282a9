/**
 * Many requests with bounded concurrency over keep-alive connections, as a provider posts a
 * burst of webhooks. node:http rather than fetch: the client shares the test's event loop with
 * Strapi, and fetch costs it about twice the CPU per request.
 */
import http from 'node:http';

export interface BurstRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** The client address to send from (any of 127.0.0.0/8): a connection of its own, no keep-alive. */
  localAddress?: string;
}

export interface BurstAnswer {
  status: number;
  body: string;
}

export async function burst(baseUrl: string, requests: BurstRequest[], concurrency: number): Promise<BurstAnswer[]> {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const send = (request: BurstRequest) =>
    new Promise<BurstAnswer>((resolve, reject) => {
      const outgoing = http.request(
        {
          host: url.hostname,
          port: url.port,
          ...(request.localAddress ? { agent: false, localAddress: request.localAddress } : { agent }),
          method: request.method,
          path: request.path,
          headers: request.headers,
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () =>
            resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
          incoming.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(request.body);
    });
  const answers: BurstAnswer[] = new Array(requests.length);
  let next = 0;
  const lane = async () => {
    while (next < requests.length) {
      const index = next++;
      answers[index] = await send(requests[index]);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, lane));
  } finally {
    agent.destroy();
  }
  return answers;
}
