import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readStreamLimited } from './bodyLimit';
import { ProblemError } from './problem';

const LIMIT_BYTES = 100;

interface Seen {
  readonly status: number;
  readonly body: string;
  readonly socketAtFinish: boolean;
}

let server: http.Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A real server that answers what readStreamLimited read, or 413, and notes whether the request kept its socket. */
async function post(chunks: string[]): Promise<Seen> {
  let socketAtFinish = false;
  server = http.createServer(async (req, res) => {
    res.on('finish', () => {
      socketAtFinish = req.socket !== null;
    });
    try {
      const text = await readStreamLimited(req, LIMIT_BYTES);
      res.end(text);
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemError);
      res.writeHead(413, { Connection: 'close' });
      res.end('too large');
    }
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request({ port, host: '127.0.0.1', method: 'POST' }, (answer) => {
      let body = '';
      answer.on('data', (chunk) => {
        body += chunk;
      });
      answer.on('end', () => resolve({ status: answer.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    // No Content-Length: a chunked body is only counted while it is read.
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
  return { ...response, socketAtFinish };
}

describe('readStreamLimited', () => {
  it('reads a chunked body up to the limit', async () => {
    const seen = await post(['a'.repeat(60), 'b'.repeat(40)]);
    expect(seen).toEqual({ status: 200, body: `${'a'.repeat(60)}${'b'.repeat(40)}`, socketAtFinish: true });
  });

  it('refuses one byte over the limit and keeps the request socket until the 413 is written', async () => {
    const seen = await post(['a'.repeat(60), 'b'.repeat(41)]);
    expect(seen.status).toBe(413);
    // A destroyed request loses its socket; Nitro's shutdown hook then throws on 'finish'.
    expect(seen.socketAtFinish).toBe(true);
  });
});
