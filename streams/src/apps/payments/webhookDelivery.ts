import { gatewayWebhookSecret, type ScheduledWebhook, SIGNATURE_HEADER, signWebhook } from '@billstream/payments';
import type pg from 'pg';
import type pino from 'pino';

/** How long the sandbox bank takes to settle a transfer. */
export const BANK_SETTLE_DELAY_MS = 1_500;
/** A duplicate delivery follows the first after this long. */
export const DUPLICATE_DELAY_MS = 300;
/** Deliveries tried per webhook before the sandbox gives up (a real bank retries for days). */
export const WEBHOOK_DELIVERY_ATTEMPTS_MAX = 6;
/** How often the queue is read for due webhooks. */
export const WEBHOOK_POLL_INTERVAL_MS = 250;
/** Webhooks one poll takes. */
export const WEBHOOK_BATCH_MAX = 20;
const DELIVERY_BACKOFF_MS = 1_000;
const DELIVERY_TIMEOUT_MS = 5_000;

interface DueWebhook {
  id: string;
  payload: ScheduledWebhook['payload'];
  deliveries_left: number;
  attempts: number;
}

/**
 * The sandbox bank's outgoing webhooks: queued in PostgreSQL when a transfer
 * starts (sandbox_bank_webhooks), POSTed to the web app later, signed at send
 * time, sometimes twice, retried with backoff. The queue outlives the worker,
 * so a restart delays a settlement but never loses it; SKIP LOCKED lets
 * several workers share it without sending one webhook twice at once.
 */
export class WebhookDelivery {
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
    private readonly masterSecret: string,
    private readonly log: pino.Logger,
  ) {}

  /** Queues a webhook (once per event id); resolves when it is stored. */
  async schedule(webhook: ScheduledWebhook): Promise<void> {
    if (webhook.payload.id.length === 0) throw new Error('a webhook needs an event id');
    await this.pool.query(
      `INSERT INTO sandbox_bank_webhooks (id, url, payload, deliveries_left, deliver_after)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5::float8 / 1000))
       ON CONFLICT (id) DO NOTHING`,
      [webhook.payload.id, this.url, JSON.stringify(webhook.payload), webhook.duplicate ? 2 : 1, BANK_SETTLE_DELAY_MS],
    );
  }

  start(): void {
    if (this.timer) throw new Error('webhook delivery already started');
    this.timer = setInterval(() => {
      this.polling ??= this.pollOnce()
        .catch((error: unknown) => this.log.warn({ err: String(error) }, 'bank webhook queue unavailable'))
        .finally(() => {
          this.polling = null;
        });
    }, WEBHOOK_POLL_INTERVAL_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.polling;
  }

  /** Claims due webhooks (pushing their next attempt out first, so a crash mid-send retries them), then sends. */
  private async pollOnce(): Promise<void> {
    const { rows } = await this.pool.query<DueWebhook>(
      `UPDATE sandbox_bank_webhooks w
          SET attempts = w.attempts + 1,
              deliver_after = now() + make_interval(secs => $1::float8 * (w.attempts + 1) / 1000)
        WHERE w.id IN (SELECT id FROM sandbox_bank_webhooks
                        WHERE url = $4 AND delivered_at IS NULL AND deliver_after <= now() AND attempts < $2
                        ORDER BY deliver_after LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING w.id, w.payload, w.deliveries_left, w.attempts`,
      [DELIVERY_BACKOFF_MS, WEBHOOK_DELIVERY_ATTEMPTS_MAX, WEBHOOK_BATCH_MAX, this.url],
    );
    for (const webhook of rows) {
      if (this.stopped) return;
      if (await this.deliver(webhook)) await this.delivered(webhook);
    }
  }

  /** One delivery done: the next one of a duplicated webhook follows shortly, else the webhook is finished. */
  private async delivered(webhook: DueWebhook): Promise<void> {
    if (webhook.deliveries_left < 1) throw new Error(`webhook ${webhook.id} delivered more often than planned`);
    await this.pool.query(
      `UPDATE sandbox_bank_webhooks
          SET deliveries_left = deliveries_left - 1, attempts = 0,
              deliver_after = now() + make_interval(secs => $2::float8 / 1000),
              delivered_at = CASE WHEN deliveries_left = 1 THEN now() END
        WHERE id = $1`,
      [webhook.id, DUPLICATE_DELAY_MS],
    );
  }

  private async deliver(webhook: DueWebhook): Promise<boolean> {
    const secret = gatewayWebhookSecret(this.masterSecret, 'bank');
    const { rawBody, signature } = signWebhook(secret, webhook.payload, Date.now());
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature },
        body: rawBody,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      if (response.ok) {
        this.log.info({ eventId: webhook.id, status: response.status }, 'bank webhook delivered');
        return true;
      }
      this.log.warn(
        { eventId: webhook.id, status: response.status, attempt: webhook.attempts },
        'bank webhook refused',
      );
    } catch (error) {
      this.log.warn(
        { eventId: webhook.id, attempt: webhook.attempts, err: String(error) },
        'bank webhook delivery failed',
      );
    }
    return false;
  }
}
