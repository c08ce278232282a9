import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

/** More bytes arrived than the limit allows. */
export class TooLarge extends Error {}

/**
 * The whole body, or TooLarge as soon as more than `limit` bytes arrived, whatever the headers
 * declared (chunked bodies included). Listeners rather than `for await`: leaving an async iterator
 * early destroys the socket, and the 413 with it.
 */
export function readAtMost(stream: Readable, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const stop = () => {
      stream.off('data', onData).off('end', onEnd).off('error', onError);
      stream.pause();
    };
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length <= limit) return void chunks.push(chunk);
      stop();
      reject(new TooLarge());
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, length));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    stream.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/**
 * A request whose body is `body`, already read, for Strapi's body parser to read again. The stream
 * side is a fresh Readable; everything else (socket, method, url...) is the original request's, so
 * the client address and the rest are unchanged. The headers now state the length actually read.
 */
export function replayRequest(req: IncomingMessage, body: Buffer): IncomingMessage {
  const replay = Readable.from(body.length > 0 ? [body] : []);
  const headers = { ...req.headers, 'content-length': String(body.length) };
  delete headers['transfer-encoding'];
  Object.assign(replay, { headers });
  return new Proxy(replay, {
    get(target, property) {
      return property in target ? Reflect.get(target, property) : Reflect.get(req, property);
    },
  }) as unknown as IncomingMessage;
}
