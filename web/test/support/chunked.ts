import { request as httpRequest, type IncomingMessage } from 'node:http';
import { type ApiResponse, BASE_URL, toApiResponse } from './api';

function toResponse(res: IncomingMessage): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const body: Buffer[] = [];
    res.on('data', (chunk: Buffer) => body.push(chunk));
    res.on('error', reject);
    res.on('end', () => {
      const headerPairs = Object.entries(res.headers).flatMap(([name, value]) =>
        value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value] as [string, string]],
      );
      const response = new Response(Buffer.concat(body), { status: res.statusCode, headers: headerPairs });
      toApiResponse(response).then(resolve, reject);
    });
  });
}

/** POST with a chunked body (no Content-Length), written `chunks` pieces at a time. */
export function postChunked(
  path: string,
  chunks: readonly string[],
  headers: Record<string, string>,
): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      new URL(path, BASE_URL),
      { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...headers } },
      (res) => toResponse(res).then(resolve, reject),
    );
    // The server may answer 413 and close before the whole body is written.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

/**
 * POST `totalBytes` of `chunk` repeated as a chunked body, honouring
 * backpressure (only what the socket takes is in memory) and stopping as
 * soon as the server answered. Resolves with the answer and the bytes sent.
 */
export function streamChunked(
  path: string,
  chunk: Buffer,
  totalBytes: number,
  headers: Record<string, string>,
): Promise<{ response: ApiResponse; sentBytes: number }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    let sentBytes = 0;
    const req = httpRequest(
      new URL(path, BASE_URL),
      { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...headers } },
      (res) => {
        answered = true;
        toResponse(res)
          .then((response) => resolve({ response, sentBytes }), reject)
          // Whatever of the body is still queued is of no use once answered.
          .finally(() => req.destroy());
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    const pump = () => {
      while (!answered && sentBytes < totalBytes) {
        sentBytes += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}
