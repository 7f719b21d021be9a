import { WEBHOOK_SIGNATURE_HEADER } from '@billstream/contracts';
import type pg from 'pg';
import type pino from 'pino';
import { postWebhook, type SendOutcome } from './httpSend.ts';
import { signWebhook } from './signature.ts';
import { type AllowList, checkTarget, parseAllowList, SsrfRefusal, WEBHOOK_ALLOWED_TARGETS_ENV } from './ssrfGuard.ts';

const SECOND_MS = 1_000;
const HOUR_MS = 3_600 * SECOND_MS;
const DAY_MS = 24 * HOUR_MS;

export interface RetryPolicy {
  /** The first retry waits this long; each further one twice as long... */
  readonly baseDelayMs: number;
  /** ...up to this. */
  readonly maxDelayMs: number;
  /** A delivery still failing this long after its event is given up (status failed). */
  readonly retryWindowMs: number;
  /** An endpoint failing every attempt this long is disabled and its organization's admins are mailed. */
  readonly disableAfterMs: number;
}

/** At least once, with exponential backoff for up to 3 days; endpoints failing for 5 days are disabled. */
export const WEBHOOK_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 30 * SECOND_MS,
  maxDelayMs: 6 * HOUR_MS,
  retryWindowMs: 3 * DAY_MS,
  disableAfterMs: 5 * DAY_MS,
};
/** Deliveries one poll claims (each a different endpoint and object) and sends concurrently. */
export const WEBHOOK_DELIVERY_BATCH_MAX = 20;
/** How often the queue is read when the last poll found nothing. */
export const WEBHOOK_POLL_INTERVAL_MS = 500;
/** A claimed delivery is due again after this long if the worker dies mid-send (longer than any request). */
export const WEBHOOK_CLAIM_LEASE_MS = 60 * SECOND_MS;

/** The wait before retry number `attempts` (1 = the first retry). */
export function backoffDelayMs(attempts: number, policy: RetryPolicy = WEBHOOK_RETRY_POLICY): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
}

interface Claimed {
  id: string;
  organization_id: string;
  endpoint_id: string;
  url: string;
  secret: string;
  payload: unknown;
  attempts: number;
  manual_resend: boolean;
  given_up: boolean;
}

/**
 * Claims the head of each (endpoint, object) queue that is due: a delivery
 * waits while an older one of the same object for the same endpoint is
 * pending, so one object's events reach a receiver in order, and a receiver
 * that was down gets them all, in order, when it is back. The claim pushes
 * the next attempt out by a lease, so a crash mid-send retries later, and
 * SKIP LOCKED lets several workers share the queue.
 */
async function claim(pool: pg.Pool, policy: RetryPolicy, batch: number): Promise<Claimed[]> {
  const { rows } = await pool.query<Claimed>(
    `WITH due AS (
       SELECT d.id FROM webhook_deliveries d
         JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.enabled
        WHERE d.status = 'pending' AND d.next_attempt_at <= now()
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p
                           WHERE p.endpoint_id = d.endpoint_id AND p.object_id = d.object_id
                             AND p.status = 'pending' AND p.seq < d.seq)
        ORDER BY d.seq
        LIMIT $1
        FOR UPDATE OF d SKIP LOCKED)
     UPDATE webhook_deliveries d
        SET attempts = d.attempts + 1, updated_at = now(),
            next_attempt_at = now() + make_interval(secs => $2::float8 / 1000)
       FROM due, webhook_endpoints e, webhook_events ev
      WHERE d.id = due.id AND e.id = d.endpoint_id AND ev.id = d.event_id
     RETURNING d.id, d.organization_id, d.endpoint_id, e.url, e.secret, ev.payload, d.attempts, d.manual_resend,
               (d.created_at <= now() - make_interval(secs => $3::float8 / 1000)) AS given_up`,
    [batch, WEBHOOK_CLAIM_LEASE_MS, policy.retryWindowMs],
  );
  return rows;
}

/** Signs at send time (the timestamp is the attempt's) and posts once, behind the SSRF guard. */
async function attempt(delivery: Claimed, allow: AllowList): Promise<SendOutcome & { latencyMs: number }> {
  const started = performance.now();
  const body = JSON.stringify(delivery.payload);
  const url = new URL(delivery.url);
  try {
    const target = await checkTarget(url, allow);
    const signature = signWebhook(delivery.secret, body, Math.floor(Date.now() / 1000));
    const outcome = await postWebhook(url, target, { [WEBHOOK_SIGNATURE_HEADER]: signature }, body);
    return { ...outcome, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    const message = error instanceof SsrfRefusal ? `refused: ${error.message}` : String(error);
    return { statusCode: null, responseExcerpt: null, error: message.slice(0, 300), latencyMs: 0 };
  }
}

export const succeeded = (outcome: SendOutcome) =>
  outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;

/** Logs the attempt and settles the delivery: delivered, retried later, or given up. */
async function record(
  pool: pg.Pool,
  delivery: Claimed,
  outcome: SendOutcome & { latencyMs: number },
  policy: RetryPolicy,
) {
  const ok = succeeded(outcome);
  const giveUp = !ok && (delivery.given_up || delivery.manual_resend);
  await pool.query(
    `WITH logged AS (
       INSERT INTO webhook_delivery_attempts (delivery_id, organization_id, status_code, latency_ms, response_excerpt, error, manual)
       VALUES ($1, $2, $3, $4, $5, $6, $7))
     UPDATE webhook_deliveries
        SET status = $8::text, last_status_code = $3, manual_resend = false, updated_at = now(),
            delivered_at = CASE WHEN $8::text = 'succeeded' THEN now() END,
            next_attempt_at = now() + make_interval(secs => $9::float8 / 1000)
      WHERE id = $1`,
    [
      delivery.id,
      delivery.organization_id,
      outcome.statusCode,
      outcome.latencyMs,
      outcome.responseExcerpt,
      outcome.error,
      delivery.manual_resend,
      ok ? 'succeeded' : giveUp ? 'failed' : 'pending',
      backoffDelayMs(delivery.attempts, policy),
    ],
  );
  await settleEndpoint(pool, delivery.endpoint_id, ok, policy);
}

/**
 * A success clears the endpoint's failing streak; a failure starts one or,
 * once it is `disableAfterMs` old, disables the endpoint and mails the
 * organization's active admins (through mail_outbox, which the mail
 * dispatcher sends), both in one statement so the mail goes once.
 */
async function settleEndpoint(pool: pg.Pool, endpointId: string, ok: boolean, policy: RetryPolicy) {
  if (ok) {
    await pool.query(`UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL`, [
      endpointId,
    ]);
    return;
  }
  await pool.query(`UPDATE webhook_endpoints SET failing_since = now() WHERE id = $1 AND failing_since IS NULL`, [
    endpointId,
  ]);
  const days = Math.round(policy.disableAfterMs / DAY_MS);
  await pool.query(
    `WITH disabled AS (
       UPDATE webhook_endpoints SET enabled = false, updated_at = now(),
              disabled_reason = 'Every delivery failed since ' || to_char(failing_since, 'YYYY-MM-DD HH24:MI UTC')
        WHERE id = $1 AND enabled AND failing_since <= now() - make_interval(secs => $2::float8 / 1000)
        RETURNING organization_id, url)
     INSERT INTO mail_outbox (organization_id, to_address, subject, text_body, kind)
     SELECT DISTINCT d.organization_id, u.email, 'A webhook endpoint was disabled',
            'Billstream disabled the webhook endpoint ' || d.url || ' because every delivery to it failed for ' ||
            $3::text || ' days. Fix the receiver, then enable the endpoint again (Settings, Webhooks); ' ||
            'pending deliveries resume in order.',
            'webhook_endpoint_disabled'
       FROM disabled d
       JOIN users u ON u.organization_id = d.organization_id AND u.status = 'active'
       JOIN user_roles ur ON ur.user_id = u.id
       JOIN roles r ON r.id = ur.role_id AND r.name = 'admin'`,
    [endpointId, policy.disableAfterMs, String(days)],
  );
}

export interface DeliveryWorkerOptions {
  readonly policy?: RetryPolicy;
  readonly allow?: AllowList;
  readonly pollIntervalMs?: number;
}

export interface DeliveryWorker {
  /** One poll: claims due deliveries and sends them; resolves with how many it sent. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

/** Polls the queue until stopped; a poll that found work is followed at once by the next. */
export function startDeliveryWorker(
  pool: pg.Pool,
  log: pino.Logger,
  options: DeliveryWorkerOptions = {},
): DeliveryWorker {
  const policy = options.policy ?? WEBHOOK_RETRY_POLICY;
  const allow = options.allow ?? parseAllowList(process.env[WEBHOOK_ALLOWED_TARGETS_ENV]);
  const interval = options.pollIntervalMs ?? WEBHOOK_POLL_INTERVAL_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const runOnce = async () => {
    const claimed = await claim(pool, policy, WEBHOOK_DELIVERY_BATCH_MAX);
    await Promise.all(claimed.map(async (delivery) => record(pool, delivery, await attempt(delivery, allow), policy)));
    return claimed.length;
  };
  let running: Promise<void> = Promise.resolve();
  const schedule = (delayMs: number) => {
    timer = setTimeout(() => {
      running = loop();
    }, delayMs);
  };
  async function loop(): Promise<void> {
    const sent = await runOnce().catch((error: unknown) => {
      log.warn({ err: String(error) }, 'webhook delivery queue unavailable');
      return 0;
    });
    if (!stopped) schedule(sent > 0 ? 0 : interval);
  }
  schedule(0);
  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
