/** A local HTTP server on 127.0.0.1 that records what Strapi's webhook runner posts to it. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: { event: string; createdAt: string; [key: string]: any };
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedHook[];
  /** Resolves with the first post matching `match` (already received or still to come). */
  waitFor(match: (hook: ReceivedHook) => boolean, timeoutMs?: number): Promise<ReceivedHook>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedHook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    async waitFor(match, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hook = received.find(match);
        if (hook) return hook;
        if (Date.now() > deadline) {
          const seen = received.map((h) => h.body.event).join(', ') || 'nothing';
          throw new Error(`no matching webhook within ${timeoutMs} ms; received: ${seen}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
