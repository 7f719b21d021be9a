import http from 'node:http';
import { type RouteHandler, serveRoute } from './httpRoutes.ts';
import type { Metrics } from './metrics.ts';

export interface Probe {
  live(): boolean;
  ready(): boolean;
}

/** /healthz (process alive), /readyz (assigned and caught up) and /metrics, on `host` (see config.ts). */
export function startHttpServer(
  port: number,
  host: string,
  probe: Probe,
  metrics: Metrics,
  routes: ReadonlyMap<string, RouteHandler> = new Map(),
): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (routes.has(path)) {
      void serveRoute(routes, request, response, path);
      return;
    }
    if (path === '/metrics') {
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      response.end(metrics.render());
      return;
    }
    const check = path === '/healthz' ? probe.live() : path === '/readyz' ? probe.ready() : null;
    if (check === null) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"error":"not found"}');
      return;
    }
    response.writeHead(check ? 200 : 503, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: check ? 'ok' : 'unavailable' }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
