import { z } from 'zod';
import { MoneyString } from '../money.ts';

/**
 * A signed amount for one key. The stream engine's exactly-once proof and its
 * benchmark fold these into per-key sums; nothing in the product emits them.
 */
export const AmountPosted = z.strictObject({
  /** Schema version: a consumer dead-letters versions it does not know. */
  version: z.literal(1),
  id: z.string().min(1).max(64),
  key: z.string().min(1).max(64),
  amount: MoneyString,
  /** Producer wall-clock time, for end-to-end latency. */
  sentAtMs: z.number().int().nonnegative(),
  /** Pads records to a realistic size. */
  note: z.string().max(512).optional(),
});
export type AmountPosted = z.infer<typeof AmountPosted>;

export const AmountTotal = z.strictObject({
  key: z.string(),
  total: MoneyString,
  count: z.number().int().nonnegative(),
  lastSentAtMs: z.number().int().nonnegative(),
});
export type AmountTotal = z.infer<typeof AmountTotal>;
