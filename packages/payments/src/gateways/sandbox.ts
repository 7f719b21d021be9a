import { createHash } from 'node:crypto';
import type { GatewayAnswer } from './adapter.ts';

/** Answers a sandbox gateway remembers per idempotency key; the oldest are forgotten first. */
export const IDEMPOTENCY_ENTRIES_MAX = 10_000;
/** Simulated network latency of a sandbox call: between these, fixed per idempotency key. */
export const SANDBOX_LATENCY_MIN_MS = 20;
export const SANDBOX_LATENCY_SPREAD_MS = 80;
/** How long the worker waits for a gateway before it counts as a (retryable) network timeout. */
export const GATEWAY_TIMEOUT_MS = 1_500;

export interface SandboxClock {
  sleep(ms: number): Promise<void>;
}

export const realClock: SandboxClock = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Deterministic latency: the same request always takes the same simulated time. */
export function latencyMsOf(idempotencyKey: string): number {
  return SANDBOX_LATENCY_MIN_MS + (Number.parseInt(digest(idempotencyKey).slice(0, 6), 16) % SANDBOX_LATENCY_SPREAD_MS);
}

/** A bounded memo of answers by idempotency key: a retried call gets the first answer. */
export class IdempotencyMemo {
  private readonly answers = new Map<string, GatewayAnswer>();

  get(key: string): GatewayAnswer | undefined {
    return this.answers.get(key);
  }

  remember(key: string, answer: GatewayAnswer): GatewayAnswer {
    if (this.answers.size >= IDEMPOTENCY_ENTRIES_MAX) {
      const oldest = this.answers.keys().next().value;
      if (oldest !== undefined) this.answers.delete(oldest);
    }
    this.answers.set(key, answer);
    return answer;
  }
}

export function failure(code: NonNullable<GatewayAnswer['code']>, message: string, retryable = false): GatewayAnswer {
  return { outcome: retryable ? 'error' : 'declined', retryable, code, message, gatewayReference: null };
}
