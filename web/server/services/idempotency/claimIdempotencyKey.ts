import { randomUUID } from 'node:crypto';
import { useDb } from '../../utils/db';
import { problems } from '../../utils/problem';
import { IDEMPOTENCY_LEASE_SECONDS, IDEMPOTENCY_TTL_SECONDS } from './idempotencyWindow';

/** Either run the request (with the transaction id to use) or replay a stored answer. */
export type IdempotencyClaim =
  | { readonly kind: 'execute'; readonly rowId: string; readonly transactionId: string }
  | { readonly kind: 'replay'; readonly status: number; readonly body: unknown };

interface ExistingKey {
  id: string;
  request_hash: string;
  status: 'processing' | 'completed';
  response_status: number | null;
  response_body: { transactionId?: string } | null;
  created_at_text: string;
  expired: boolean;
  abandoned: boolean;
}

const KEY_FIELD = 'header.idempotency-key';

// While processing, response_body holds only the transaction id chosen for
// this key, so a retry that takes over an abandoned claim reuses it and the
// ledger sees the same transactionId (no double booking).
async function insertClaim(scope: string, key: string, hash: string): Promise<IdempotencyClaim | undefined> {
  const transactionId = randomUUID();
  const rows = await useDb().$queryRaw<{ id: string }[]>`
    INSERT INTO idempotency_keys (id, scope, key, request_hash, status, response_body, created_at, expires_at)
    VALUES (${randomUUID()}::uuid, ${scope}, ${key}, ${hash}, 'processing', ${JSON.stringify({ transactionId })}::jsonb,
            now(), now() + make_interval(secs => ${IDEMPOTENCY_TTL_SECONDS}::int))
    ON CONFLICT (scope, key) DO NOTHING RETURNING id::text`;
  const row = rows[0];
  return row ? { kind: 'execute', rowId: row.id, transactionId } : undefined;
}

// Expiry and lease are judged by the database clock, the one clock every
// web instance shares.
async function readClaim(scope: string, key: string): Promise<ExistingKey | undefined> {
  const rows = await useDb().$queryRaw<ExistingKey[]>`
    SELECT id::text, request_hash, status, response_status, response_body, created_at::text AS created_at_text,
           expires_at <= now() AS expired,
           created_at <= now() - make_interval(secs => ${IDEMPOTENCY_LEASE_SECONDS}::int) AS abandoned
      FROM idempotency_keys WHERE scope = ${scope} AND key = ${key}`;
  return rows[0];
}

/** Takes over an abandoned claim; false when another request won the race. */
async function takeOver(existing: ExistingKey): Promise<boolean> {
  const updated = await useDb().$executeRaw`
    UPDATE idempotency_keys SET created_at = now()
     WHERE id = ${existing.id}::uuid AND status = 'processing' AND created_at = ${existing.created_at_text}::timestamptz`;
  return updated === 1;
}

async function decide(existing: ExistingKey, hash: string): Promise<IdempotencyClaim | undefined> {
  if (existing.request_hash !== hash) {
    throw problems.unprocessable(
      'This Idempotency-Key was already used with a different request body',
      'idempotency-key-reused',
      [{ name: KEY_FIELD, reason: 'was used with a different request body' }],
    );
  }
  if (existing.status === 'completed') {
    return { kind: 'replay', status: existing.response_status ?? 200, body: existing.response_body };
  }
  if (!existing.abandoned) {
    throw problems.conflict('A request with this Idempotency-Key is still being processed', 'idempotency-key-in-use', {
      name: KEY_FIELD,
      reason: 'a request with this key is in progress',
    });
  }
  const transactionId = existing.response_body?.transactionId;
  if (!transactionId || !(await takeOver(existing))) return undefined;
  return { kind: 'execute', rowId: existing.id, transactionId };
}

/**
 * Stripe-style claim of (scope, key): first request executes, a retry with the
 * same body replays the stored answer, another body is 422, a concurrent
 * duplicate is 409. Expired keys are deleted and claimed afresh.
 */
export async function claimIdempotencyKey(scope: string, key: string, hash: string): Promise<IdempotencyClaim> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const inserted = await insertClaim(scope, key, hash);
    if (inserted) return inserted;
    const existing = await readClaim(scope, key);
    if (!existing) continue;
    if (existing.expired) {
      await useDb().$executeRaw`DELETE FROM idempotency_keys WHERE id = ${existing.id}::uuid AND expires_at <= now()`;
      continue;
    }
    const decided = await decide(existing, hash);
    if (decided) return decided;
  }
  throw problems.conflict('A request with this Idempotency-Key is still being processed', 'idempotency-key-in-use');
}
