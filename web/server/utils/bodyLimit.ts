import type { IncomingMessage } from 'node:http';
import type { H3Event } from 'h3';
import { ProblemError, problemOf } from './problem';

/**
 * 413 naming the body. `seenBytes` is the declared Content-Length (nothing
 * of it was read): that connection is closed. A chunked body refused while it
 * was read leaves the connection open, its rest unread: closing a socket
 * with unread bytes sends a reset, which can reach the client before the 413
 * and destroy it. Its request stays paused (the client's window fills, so
 * nothing is buffered) until the client hangs up or Node's requestTimeout
 * (300 s by default) ends the unfinished request.
 */
export function bodyTooLarge(maxBytes: number, seenBytes?: number): ProblemError {
  const detail =
    seenBytes === undefined
      ? `The request body exceeds ${maxBytes} bytes`
      : `The request body is ${seenBytes} bytes; at most ${maxBytes} are accepted`;
  return new ProblemError(
    problemOf(413, detail, { errors: [{ name: 'body', reason: `must be at most ${maxBytes} bytes` }] }),
    seenBytes === undefined ? {} : { Connection: 'close' },
  );
}

/** Bodies Nitro already holds in memory (in-process fetches during SSR) instead of a socket stream. */
function heldBody(event: H3Event): boolean {
  const req = event.node.req as IncomingMessage & { body?: unknown; rawBody?: unknown };
  return Boolean((event as { _requestBody?: unknown })._requestBody || req.body || req.rawBody);
}

/**
 * The raw body as text, refused with 413 as soon as more than `maxBytes`
 * arrived. Content-Length is checked first, but a chunked body has none, so
 * the bytes are counted while they are read and reading stops at the limit
 * (nothing beyond it is buffered).
 */
export async function readBodyTextLimited(event: H3Event, maxBytes: number): Promise<string> {
  const declared = Number(getRequestHeader(event, 'content-length') ?? 0);
  if (Number.isFinite(declared) && declared > maxBytes) throw bodyTooLarge(maxBytes, declared);
  if (heldBody(event)) {
    const text = (await readRawBody(event, 'utf8')) ?? '';
    if (Buffer.byteLength(text) > maxBytes) throw bodyTooLarge(maxBytes, Buffer.byteLength(text));
    return text;
  }
  return readStreamLimited(event.node.req, maxBytes);
}

/**
 * A request stream read as text, refused with 413 once more than `maxBytes`
 * arrived. The request is left undestroyed and paused when the limit throws:
 * a destroyed request has no socket by the time the 413 is written (Nitro's
 * shutdown hook then throws on 'finish'), and its reset could beat the 413
 * to the client (see bodyTooLarge).
 */
export async function readStreamLimited(req: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let receivedBytes = 0;
  for await (const chunk of req.iterator({ destroyOnReturn: false })) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    receivedBytes += buffer.length;
    if (receivedBytes > maxBytes) throw bodyTooLarge(maxBytes);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
