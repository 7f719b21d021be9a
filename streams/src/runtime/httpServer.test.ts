import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_HTTP_HOST, runtimeConfigFromEnv } from './config.ts';
import { startHttpServer } from './httpServer.ts';
import { Metrics } from './metrics.ts';

const REQUIRED_ENV = { KAFKA_BROKERS: 'k:9092', DATABASE_URL: 'postgres://x', REDIS_URL: 'redis://x' };
const probe = { live: () => true, ready: () => true };
const servers: { close(): unknown }[] = [];

afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

describe('processor HTTP server address', () => {
  it('listens on loopback unless STREAMS_HTTP_HOST names another address', () => {
    expect(runtimeConfigFromEnv(REQUIRED_ENV, 9002).httpHost).toBe('127.0.0.1');
    expect(DEFAULT_HTTP_HOST).toBe('127.0.0.1');
    expect(runtimeConfigFromEnv({ ...REQUIRED_ENV, STREAMS_HTTP_HOST: ' ' }, 9002).httpHost).toBe('127.0.0.1');
    expect(runtimeConfigFromEnv({ ...REQUIRED_ENV, STREAMS_HTTP_HOST: '0.0.0.0' }, 9002).httpHost).toBe('0.0.0.0');
  });

  it('binds the socket to the configured host and serves /metrics there', async () => {
    const { httpHost } = runtimeConfigFromEnv(REQUIRED_ENV, 0);
    const loopback = await startHttpServer(0, httpHost, probe, new Metrics());
    servers.push(loopback);
    const address = loopback.address() as AddressInfo;
    expect(address.address).toBe('127.0.0.1');
    expect((await fetch(`http://127.0.0.1:${address.port}/metrics`)).status).toBe(200);

    const everywhere = await startHttpServer(0, '0.0.0.0', probe, new Metrics());
    servers.push(everywhere);
    expect((everywhere.address() as AddressInfo).address).toBe('0.0.0.0');
  });
});

describe('app routes on the processor port', () => {
  it('answers POST with the handler’s JSON, and refuses other methods, bad JSON and bad requests', async () => {
    const { HttpRouteError } = await import('./httpRoutes.ts');
    const routes = new Map([
      [
        '/echo',
        async (body: unknown) => {
          if ((body as { bad?: boolean }).bad) throw new HttpRouteError(422, 'bad: true');
          return { got: body };
        },
      ],
    ]);
    const server = await startHttpServer(0, '127.0.0.1', probe, new Metrics(), routes);
    servers.push(server);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/echo`;
    const post = (body: string) => fetch(url, { method: 'POST', body });
    const ok = await post('{"a":"1"}');
    expect([ok.status, await ok.json()]).toEqual([200, { got: { a: '1' } }]);
    expect((await post('{oops')).status).toBe(400);
    expect((await post('{"bad":true}')).status).toBe(422);
    expect((await fetch(url)).status).toBe(405);
    expect((await fetch(url.replace('/echo', '/readyz'))).status).toBe(200);
  });
});
