import type http from 'node:http';

/** Largest JSON body an app route reads (queries, not data). */
export const ROUTE_BODY_BYTES_MAX = 64 * 1024;

/** An app's POST route on its processor port: JSON in, JSON out. Throwing an `HttpRouteError` sets the status. */
export type RouteHandler = (body: unknown) => Promise<unknown>;

export class HttpRouteError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > ROUTE_BODY_BYTES_MAX) reject(new HttpRouteError(413, `body over ${ROUTE_BODY_BYTES_MAX} bytes`));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/**
 * Serves POST `path` from `routes`, on the processor's own port (loopback by
 * default, STREAMS_HTTP_HOST): how the web app reads what only this process
 * may open (the usage processor's embedded ClickHouse).
 */
export async function serveRoute(
  routes: ReadonlyMap<string, RouteHandler>,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  path: string,
): Promise<void> {
  const handler = routes.get(path)!;
  if (request.method !== 'POST') return send(response, 405, { error: 'POST only' });
  try {
    const text = await readBody(request);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new HttpRouteError(400, 'body is not JSON');
    }
    send(response, 200, await handler(body));
  } catch (error) {
    const status = error instanceof HttpRouteError ? error.status : 500;
    send(response, status, { error: error instanceof Error ? error.message : String(error) });
  }
}
