import http from 'node:http';
import type net from 'node:net';
import pg from 'pg';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { WebhookDelivery } from '../src/apps/payments/webhookDelivery.ts';
import { testEnv, waitUntil } from './helpers.ts';

const env = testEnv();
const pool = new pg.Pool({ connectionString: env.databaseUrl, max: 2 });
const SECRET = 'w'.repeat(32);
const silent = pino({ level: 'silent' });
/** Event ids the endpoint received, in order; the first delivery of `failOnce` ids answers 500. */
const received: string[] = [];
const failOnce = new Set<string>();

const server = http.createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => {
    body += chunk.toString('utf8');
  });
  request.on('end', () => {
    const id = (JSON.parse(body) as { id: string }).id;
    received.push(id);
    const fail = failOnce.delete(id);
    response.writeHead(fail ? 500 : 200).end();
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/webhooks/bank`;

afterAll(async () => {
  server.close();
  await pool.end();
});

const webhook = (id: string, duplicate: boolean) => ({
  payload: {
    id,
    type: 'transfer.settled' as const,
    data: { paymentId: crypto.randomUUID(), reference: 'r', failureCode: null },
  },
  duplicate,
});

describe('sandbox bank webhooks (PostgreSQL queue)', () => {
  it('survives a worker that stopped before sending: the next worker delivers, twice when asked, once more after a 500', async () => {
    const id = `evt_int_${Date.now()}`;
    failOnce.add(id);
    const first = new WebhookDelivery(pool, url, SECRET, silent);
    await first.schedule(webhook(id, true));
    await first.schedule(webhook(id, true)); // a repeated schedule queues nothing more
    await first.stop(); // the worker dies before its delivery is due

    const next = new WebhookDelivery(pool, url, SECRET, silent);
    next.start();
    try {
      await waitUntil('both deliveries', async () => (received.filter((r) => r === id).length >= 3 ? true : null), 300);
    } finally {
      await next.stop();
    }
    // One refused (500), then the planned two.
    expect(received.filter((r) => r === id)).toHaveLength(3);
    const row = await pool.query('SELECT deliveries_left, delivered_at FROM sandbox_bank_webhooks WHERE id = $1', [id]);
    expect(row.rows[0]).toMatchObject({ deliveries_left: 0 });
    expect(row.rows[0].delivered_at).not.toBeNull();
  }, 60_000);
});
