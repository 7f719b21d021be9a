/** Stripe semantics: a key is remembered for 24 hours, then may be reused. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/**
 * A "processing" key older than this is treated as abandoned (crashed server,
 * failed produce) and may be taken over by a retry. It must exceed the longest
 * legitimate request, which is bounded by the produce timeout.
 */
export const IDEMPOTENCY_LEASE_SECONDS = 60;
