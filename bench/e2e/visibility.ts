/**
 * Watches the views the API reads (PostgreSQL) for the commands a load sent:
 * a command is visible once its row shows its final state, which is what a
 * GET of the API would then answer. Polls every `pollIntervalMs`, so that
 * period is the resolution of every latency measured here.
 */
import type pg from 'pg';

export type CommandKind = 'transaction' | 'invoice' | 'payment';

/** The query per kind: which of these ids has reached its final state in its view. */
const FINAL_ROWS: Record<CommandKind, string> = {
  transaction: `SELECT id::text AS id FROM transactions WHERE id = ANY($1::uuid[]) AND status <> 'pending'`,
  invoice: `SELECT id::text AS id FROM invoices WHERE id = ANY($1::uuid[]) AND status <> 'draft'`,
  payment: `SELECT id::text AS id FROM payments WHERE id = ANY($1::uuid[])
              AND status IN ('succeeded', 'failed', 'canceled', 'requires_action', 'requires_capture')`,
};

export interface Seen {
  readonly kind: CommandKind;
  readonly id: string;
  /** performance.now() when the command's POST started, and when its view row was first seen final. */
  readonly startedAtMs: number;
  readonly visibleAtMs: number;
}

export class VisibilityPoller {
  private readonly waiting: Record<CommandKind, Map<string, number>> = {
    transaction: new Map(),
    invoice: new Map(),
    payment: new Map(),
  };
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  readonly seen: Seen[] = [];

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: { readonly pollIntervalMs: number; readonly pollIdsMax: number },
  ) {
    if (options.pollIntervalMs <= 0 || options.pollIdsMax <= 0) throw new Error('poll interval and batch must be > 0');
  }

  watch(kind: CommandKind, id: string, startedAtMs: number): void {
    if (this.waiting[kind].has(id)) throw new Error(`${kind} ${id} is watched twice`);
    this.waiting[kind].set(id, startedAtMs);
  }

  outstanding(): number {
    return this.waiting.transaction.size + this.waiting.invoice.size + this.waiting.payment.size;
  }

  start(): void {
    this.timer = setInterval(() => void this.pollOnce(), this.options.pollIntervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Resolves when nothing is outstanding or `limitMs` has passed; answers how many are still missing. */
  async drain(limitMs: number): Promise<number> {
    const deadline = performance.now() + limitMs;
    while (this.outstanding() > 0 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, this.options.pollIntervalMs));
    }
    return this.outstanding();
  }

  private async pollOnce(): Promise<void> {
    if (this.polling) return; // a slow query: skip this tick rather than stack queries
    this.polling = true;
    try {
      for (const kind of Object.keys(this.waiting) as CommandKind[]) await this.pollKind(kind);
    } finally {
      this.polling = false;
    }
  }

  private async pollKind(kind: CommandKind): Promise<void> {
    const waiting = this.waiting[kind];
    if (waiting.size === 0) return;
    const ids = [...waiting.keys()];
    for (let from = 0; from < ids.length; from += this.options.pollIdsMax) {
      const chunk = ids.slice(from, from + this.options.pollIdsMax);
      const { rows } = await this.pool.query<{ id: string }>(FINAL_ROWS[kind], [chunk]);
      this.markVisible(kind, rows, performance.now());
    }
  }

  private markVisible(kind: CommandKind, rows: readonly { id: string }[], visibleAtMs: number): void {
    const waiting = this.waiting[kind];
    for (const row of rows) {
      const startedAtMs = waiting.get(row.id);
      if (startedAtMs === undefined) continue;
      waiting.delete(row.id);
      this.seen.push({ kind, id: row.id, startedAtMs, visibleAtMs });
    }
  }
}
