import { z } from 'zod';

/**
 * A command that no processor could apply: its record threw on every attempt
 * and went to the app's dead-letter topic. The runtime publishes one of these
 * per dead-lettered command so that the API answers `failed` with a problem
 * type instead of `pending` for ever.
 */
export const COMMAND_FAILURES_VIEW = 'command-failures';

/**
 * The Redis hash where the command-failures view keeps a failed command, by
 * the id the client polls (a UUID, so one key space serves every app).
 */
export function commandFailureKey(id: string): string {
  return `bs:command-failure:${id}`;
}

/** The problem type (after the base URI) a failed command reports. */
export const COMMAND_FAILED_PROBLEM_TYPE = 'command-failed';

/**
 * The data fields that name what a command acts on, in the order a client
 * polls them: a refund names its payment too, but the client polls the refund.
 */
const SUBJECT_FIELDS = [
  'transactionId',
  'holdId',
  'refundId',
  'paymentId',
  'invoiceId',
  'subscriptionId',
  'planId',
] as const;

export const CommandFailure = z.object({
  /** The id the client polls (transaction, hold, refund, payment, invoice, subscription or plan). */
  id: z.string().min(1).max(100),
  organizationId: z.string().max(100).nullable(),
  commandType: z.string().max(100),
  reason: z.string().max(2_000),
  failedAt: z.iso.datetime({ offset: true }),
});
export type CommandFailure = z.infer<typeof CommandFailure>;

function recordOf(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/**
 * What a raw command record acts on, read leniently: a record that failed may
 * be malformed in any way, so this never throws and answers null when the
 * record names no subject.
 */
export function commandSubject(
  value: string | null,
): { id: string; organizationId: string | null; commandType: string } | null {
  if (value === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  const envelope = recordOf(parsed);
  const data = recordOf(envelope?.data);
  if (!envelope || !data) return null;
  const field = SUBJECT_FIELDS.find((name) => typeof data[name] === 'string' && (data[name] as string).length <= 100);
  if (!field) return null;
  return {
    id: data[field] as string,
    organizationId: typeof data.organizationId === 'string' ? data.organizationId : null,
    commandType: typeof envelope.type === 'string' ? envelope.type.slice(0, 100) : 'unknown',
  };
}

/**
 * How the API shows a command that failed: status "failed" and this problem
 * (RFC 9457 fields), so a client can tell "never applied, will not be" from
 * "not applied yet".
 */
export const CommandFailureProblem = z.object({
  type: z.string(),
  title: z.string(),
  detail: z.string(),
  failedAt: z.string(),
});
export type CommandFailureProblem = z.infer<typeof CommandFailureProblem>;
