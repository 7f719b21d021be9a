import { gatewayWebhookSecret, type ScheduledWebhook, SIGNATURE_HEADER, signWebhook } from '@billstream/payments';
import type pino from 'pino';

/** How long the sandbox bank takes to settle a transfer. */
export const BANK_SETTLE_DELAY_MS = 1_500;
/** A duplicate delivery follows the first after this long. */
export const DUPLICATE_DELAY_MS = 300;
/** Deliveries tried per webhook before the sandbox gives up (a real bank retries for days). */
export const WEBHOOK_DELIVERY_ATTEMPTS_MAX = 6;
const DELIVERY_BACKOFF_MS = 1_000;
const DELIVERY_TIMEOUT_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The sandbox bank's outgoing webhooks: POSTed to the web app later, signed
 * at send time, sometimes twice. Deliveries wait in memory: a worker restart
 * forgets the ones not yet sent (the payment then stays `processing`).
 */
export class WebhookDelivery {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly masterSecret: string,
    private readonly log: pino.Logger,
  ) {}

  schedule(webhook: ScheduledWebhook): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.deliverAll(webhook);
    }, BANK_SETTLE_DELAY_MS);
    this.timers.add(timer);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async deliverAll(webhook: ScheduledWebhook): Promise<void> {
    await this.deliver(webhook);
    if (!webhook.duplicate) return;
    await sleep(DUPLICATE_DELAY_MS);
    await this.deliver(webhook);
  }

  private async deliver(webhook: ScheduledWebhook): Promise<void> {
    const secret = gatewayWebhookSecret(this.masterSecret, 'bank');
    for (let attempt = 1; attempt <= WEBHOOK_DELIVERY_ATTEMPTS_MAX && !this.stopped; attempt += 1) {
      const { rawBody, signature } = signWebhook(secret, webhook.payload, Date.now());
      try {
        const response = await fetch(this.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature },
          body: rawBody,
          signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
        });
        if (response.ok) {
          this.log.info({ eventId: webhook.payload.id, status: response.status }, 'bank webhook delivered');
          return;
        }
        this.log.warn({ eventId: webhook.payload.id, status: response.status, attempt }, 'bank webhook refused');
      } catch (error) {
        this.log.warn({ eventId: webhook.payload.id, attempt, err: String(error) }, 'bank webhook delivery failed');
      }
      await sleep(DELIVERY_BACKOFF_MS * attempt);
    }
  }
}
