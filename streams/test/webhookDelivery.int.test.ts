import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestDatabase, type TestDatabase } from '@billstream/db';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeliveryWorker, type RetryPolicy, startDeliveryWorker } from '../src/apps/webhooks/deliveryWorker.ts';
import type { WebhookEventRow } from '../src/apps/webhooks/eventMap.ts';
import { verifyWebhookSignature } from '../src/apps/webhooks/signature.ts';
import { parseAllowList } from '../src/apps/webhooks/ssrfGuard.ts';
import { webhookEventsView } from '../src/apps/webhooks/webhookEventsView.ts';
import { waitUntil } from './helpers.ts';

/** Fast retries so a test sees several attempts; the limits themselves are the production ones' shape. */
const FAST: RetryPolicy = { baseDelayMs: 20, maxDelayMs: 80, retryWindowMs: 3_600_000, disableAfterMs: 3_600_000 };
const SECRET = 'whsec_test_secret_0123456789';

interface Received {
  path: string;
  body: string;
  signature: string;
  id: string;
  objectId: string;
}

/** A local receiver: answers 503 while `down`, records what it accepted. */
function receiver() {
  const state = { down: false, accepted: [] as Received[], refused: 0 };
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      if (state.down) {
        state.refused += 1;
        response.writeHead(503).end('receiver down for maintenance');
        return;
      }
      const payload = JSON.parse(body) as { id: string; data: { object: { id: string } } };
      const signature = String(request.headers['billstream-signature'] ?? '');
      state.accepted.push({
        path: request.url ?? '',
        body,
        signature,
        id: payload.id,
        objectId: payload.data.object.id,
      });
      response.writeHead(200).end('ok');
    });
  });
  return { server, state };
}

let db: TestDatabase;
let pool: pg.Pool;
let worker: DeliveryWorker | undefined;
const { server, state } = receiver();
let base = '';
const log = pino({ level: 'warn' });

async function organization(): Promise<string> {
  const id = randomUUID();
  await pool.query(`INSERT INTO organizations (id, name, slug) VALUES ($1, $2, $3)`, [id, `Org ${id}`, `org-${id}`]);
  return id;
}

async function endpoint(organizationId: string, url: string, types: string[]): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO webhook_endpoints (organization_id, url, event_types, secret) VALUES ($1, $2, $3, $4) RETURNING id`,
    [organizationId, url, types, SECRET],
  );
  return rows[0]!.id;
}

/** Hands events off the way the sink does: in one transaction, in order. */
async function handOff(events: WebhookEventRow[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await webhookEventsView.postgres!.apply(
      client,
      events.map((value, offset) => ({
        key: value.id,
        value,
        timestampMs: 0,
        source: null,
        partition: 0,
        offset: BigInt(offset),
      })),
    );
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

const event = (organizationId: string, objectId: string, type = 'invoice.paid'): WebhookEventRow => ({
  id: randomUUID(),
  organizationId,
  type,
  objectId,
  occurredAt: new Date().toISOString(),
  object: { id: objectId, organizationId, status: 'paid' },
});

beforeAll(async () => {
  db = await createTestDatabase({ migrate: true });
  pool = new pg.Pool({ connectionString: db.url, max: 5 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  worker = startDeliveryWorker(pool, log, { policy: FAST, allow: parseAllowList('127.0.0.1'), pollIntervalMs: 20 });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await new Promise((resolve) => server.close(resolve));
  await pool?.end();
  await db?.drop();
});

describe('outbound webhook delivery (real PostgreSQL, local receiver)', () => {
  it('signs each payload so the receiver can verify it with the endpoint secret', async () => {
    const org = await organization();
    await endpoint(org, `${base}/signed`, ['invoice.paid']);
    const sent = event(org, randomUUID());
    await handOff([sent]);
    const got = await waitUntil('the signed delivery', async () => state.accepted.find((r) => r.id === sent.id));
    expect(verifyWebhookSignature(SECRET, got.body, got.signature)).toBe(true);
    expect(verifyWebhookSignature('whsec_other', got.body, got.signature)).toBe(false);
    expect(verifyWebhookSignature(SECRET, `${got.body} `, got.signature)).toBe(false);
    expect(JSON.parse(got.body)).toMatchObject({ id: sent.id, type: 'invoice.paid', organizationId: org });
  });

  it('retries with backoff while the receiver is down and then delivers every event, in order per object', async () => {
    const org = await organization();
    const endpointId = await endpoint(org, `${base}/down-then-up`, ['invoice.paid', 'invoice.issued']);
    state.down = true;
    const [first, second] = [randomUUID(), randomUUID()];
    const events = [
      event(org, first, 'invoice.issued'),
      event(org, second),
      event(org, first),
      event(org, second),
      event(org, first),
    ];
    await handOff(events);
    await waitUntil('several refused attempts', async () => (state.refused >= 6 ? true : null));
    state.down = false;
    const mine = () => state.accepted.filter((r) => r.path === '/down-then-up');
    await waitUntil('every event delivered', async () => (mine().length >= events.length ? true : null));
    for (const object of [first, second]) {
      const expected = events.filter((e) => e.objectId === object).map((e) => e.id);
      expect(
        mine()
          .filter((r) => r.objectId === object)
          .map((r) => r.id),
      ).toEqual(expected);
    }
    expect(new Set(mine().map((r) => r.id)).size).toBe(events.length);
    const { rows } = await pool.query<{
      status_code: number | null;
      latency_ms: number;
      response_excerpt: string | null;
    }>(
      `SELECT a.status_code, a.latency_ms, a.response_excerpt FROM webhook_delivery_attempts a
         JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = $1 ORDER BY a.attempted_at`,
      [endpointId],
    );
    expect(
      rows.some((row) => row.status_code === 503 && row.response_excerpt === 'receiver down for maintenance'),
    ).toBe(true);
    expect(rows.filter((row) => row.status_code === 200)).toHaveLength(events.length);
    const pending = await pool.query(
      `SELECT 1 FROM webhook_deliveries WHERE endpoint_id = $1 AND status <> 'succeeded'`,
      [endpointId],
    );
    expect(pending.rowCount).toBe(0);
  });

  it("never sends one organization's events to another organization's endpoint", async () => {
    const [orgA, orgB] = [await organization(), await organization()];
    await endpoint(orgA, `${base}/tenant-a`, ['invoice.paid']);
    await endpoint(orgB, `${base}/tenant-b`, ['invoice.paid']);
    const [a, b] = [event(orgA, randomUUID()), event(orgB, randomUUID())];
    await handOff([a, b]);
    await waitUntil('both deliveries', async () =>
      state.accepted.some((r) => r.id === a.id) && state.accepted.some((r) => r.id === b.id) ? true : null,
    );
    expect(state.accepted.filter((r) => r.path === '/tenant-a').map((r) => r.id)).toEqual([a.id]);
    expect(state.accepted.filter((r) => r.path === '/tenant-b').map((r) => r.id)).toEqual([b.id]);
  });

  it('a replayed hand-off queues nothing twice, and an unsubscribed type is not queued', async () => {
    const org = await organization();
    const endpointId = await endpoint(org, `${base}/replay`, ['invoice.paid']);
    const paid = event(org, randomUUID());
    await handOff([paid, event(org, randomUUID(), 'invoice.voided')]);
    await handOff([paid]);
    const { rows } = await pool.query(`SELECT event_id FROM webhook_deliveries WHERE endpoint_id = $1`, [endpointId]);
    expect(rows.map((row) => row.event_id)).toEqual([paid.id]);
  });

  it('a manual resend sends a delivered event again and logs the attempt as manual', async () => {
    const org = await organization();
    const endpointId = await endpoint(org, `${base}/resend`, ['invoice.paid']);
    const sent = event(org, randomUUID());
    await handOff([sent]);
    await waitUntil('the first delivery', async () => state.accepted.find((r) => r.id === sent.id));
    await waitUntil('the first delivery settled', async () => {
      const { rows } = await pool.query(`SELECT status FROM webhook_deliveries WHERE endpoint_id = $1`, [endpointId]);
      return rows[0]?.status === 'succeeded' ? true : null;
    });
    await pool.query(
      `UPDATE webhook_deliveries SET status = 'pending', manual_resend = true, next_attempt_at = now() WHERE endpoint_id = $1`,
      [endpointId],
    );
    await waitUntil('the resend', async () =>
      state.accepted.filter((r) => r.id === sent.id).length === 2 ? true : null,
    );
    const log = await waitUntil('two logged attempts', async () => {
      const { rows } = await pool.query<{ manual: boolean }>(
        `SELECT a.manual FROM webhook_delivery_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
          WHERE d.endpoint_id = $1 ORDER BY a.attempted_at`,
        [endpointId],
      );
      return rows.length === 2 ? rows : null;
    });
    expect(log.map((row) => row.manual)).toEqual([false, true]);
  });

  it('refuses loopback targets that the allow-list does not name, and logs why', async () => {
    const guarded = startDeliveryWorker(pool, log, { policy: FAST, allow: parseAllowList(''), pollIntervalMs: 20 });
    await worker?.stop();
    worker = guarded;
    const org = await organization();
    const endpointId = await endpoint(org, `${base}/forbidden`, ['invoice.paid']);
    await handOff([event(org, randomUUID())]);
    const error = await waitUntil('a refused attempt', async () => {
      const { rows } = await pool.query<{ error: string | null }>(
        `SELECT a.error FROM webhook_delivery_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = $1`,
        [endpointId],
      );
      return rows[0]?.error;
    });
    expect(error).toContain('refused');
    expect(state.accepted.some((r) => r.path === '/forbidden')).toBe(false);
  });

  it('disables an endpoint failing longer than the limit and mails the organization admins once', async () => {
    await worker?.stop();
    worker = startDeliveryWorker(pool, log, {
      policy: { ...FAST, disableAfterMs: 0 },
      allow: parseAllowList('127.0.0.1'),
      pollIntervalMs: 20,
    });
    const org = await organization();
    const { rows: roles } = await pool.query<{ id: string }>(
      `INSERT INTO roles (organization_id, name) VALUES ($1, 'admin') RETURNING id`,
      [org],
    );
    const { rows: users } = await pool.query<{ id: string }>(
      `INSERT INTO users (organization_id, email, password) VALUES ($1, $2, 'x') RETURNING id`,
      [org, `admin-${org}@example.test`],
    );
    await pool.query(`INSERT INTO user_roles (user_id, role_id) VALUES ($1, $2)`, [users[0]!.id, roles[0]!.id]);
    state.down = true;
    const endpointId = await endpoint(org, `${base}/dies`, ['invoice.paid']);
    await handOff([event(org, randomUUID()), event(org, randomUUID())]);
    const disabled = await waitUntil('the endpoint disabled', async () => {
      const { rows } = await pool.query(`SELECT enabled, disabled_reason FROM webhook_endpoints WHERE id = $1`, [
        endpointId,
      ]);
      return rows[0]?.enabled === false ? rows[0] : null;
    });
    state.down = false;
    expect(disabled.disabled_reason).toContain('Every delivery failed since');
    const { rows: mails } = await pool.query(
      `SELECT to_address FROM mail_outbox WHERE kind = 'webhook_endpoint_disabled' AND organization_id = $1`,
      [org],
    );
    expect(mails.map((mail) => mail.to_address)).toEqual([`admin-${org}@example.test`]);
  });
  it('queues the customer mail of an issued invoice once, with its invoice for the PDF and a link', async () => {
    const org = await organization();
    await pool.query(`INSERT INTO users (organization_id, email, password) VALUES ($1, $2, 'x')`, [
      org,
      `owner-${org}@example.test`,
    ]);
    const issued = { ...event(org, randomUUID(), 'invoice.issued') };
    issued.object = {
      ...issued.object,
      invoiceNumber: 'INV-9',
      total: '12.00',
      currency: 'EUR',
      dueDate: '2026-12-31',
    };
    await handOff([issued]);
    await handOff([issued]);
    const { rows } = await pool.query(
      `SELECT to_address, subject, text_body, kind, invoice_id FROM mail_outbox WHERE organization_id = $1`,
      [org],
    );
    expect(rows).toEqual([
      {
        to_address: `owner-${org}@example.test`,
        subject: 'Invoice INV-9',
        text_body: expect.stringContaining(`/invoices/${issued.objectId}`),
        kind: 'invoice_issued',
        invoice_id: issued.objectId,
      },
    ]);
  });
});
