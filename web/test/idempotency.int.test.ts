import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { purgeExpiredIdempotencyKeys } from '../server/services/idempotency/purgeExpiredIdempotencyKeys';
import { anActiveAccount, postTransaction } from './support/api';
import { closeFixtures, db } from './support/fixtures';
import { expectProblem, fieldNames } from './support/problem';

/**
 * The Idempotency-Key cases of the issue that transactions.int.test.ts does
 * not pin down: the 255-character limit, a deterministic 409 for a request
 * still in flight, stored refusals replayed, and the 24 h expiry. The
 * database is touched only to stand in for time (an in-flight claim, an
 * expired key), never to read what the API should have answered.
 */
const IDEMPOTENCY_TTL_HOURS = 24;
const KEY_LENGTH_MAX = 255;

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
afterAll(async () => {
  await pool.end();
  await closeFixtures();
});

interface Accepted {
  id: string;
}

async function validBody(overrides: Record<string, unknown> = {}) {
  const account = await anActiveAccount();
  return { accountId: account.id, type: 'credit', amount: '3.00', currency: account.currency, ...overrides };
}

/** A printable-ASCII key of exactly `length` characters, unique per call. */
function keyOfLength(length: number): string {
  const unique = randomUUID();
  return (unique + 'k'.repeat(length)).slice(0, length);
}

describe('Idempotency-Key limits and lifetime', () => {
  it('accepts a key of 255 characters and refuses 256 with 422 naming the header', async () => {
    const longest = await postTransaction<Accepted>(await validBody(), keyOfLength(KEY_LENGTH_MAX));
    expect(longest.status, JSON.stringify(longest.body)).toBe(202);
    const problem = expectProblem(await postTransaction(await validBody(), keyOfLength(KEY_LENGTH_MAX + 1)), 422);
    expect(fieldNames(problem)).toEqual(['header.idempotency-key']);
  });

  it('answers 409 while a request with the same key is still being processed', async () => {
    const key = randomUUID();
    const body = await validBody({ description: 'int: in flight' });
    expect((await postTransaction(body, key)).status).toBe(202);
    // Put the key back into the state it has while the first request runs.
    const updated = await pool.query(
      `UPDATE idempotency_keys SET status = 'processing', created_at = now(), response_status = NULL WHERE key = $1`,
      [key],
    );
    expect(updated.rowCount).toBe(1);
    const problem = expectProblem(await postTransaction(body, key), 409);
    expect(problem.type).toMatch(/idempotency-key-in-use$/);
    expect(fieldNames(problem)).toEqual(['header.idempotency-key']);
  });

  it('stores a refusal as the first answer and replays it', async () => {
    const key = randomUUID();
    const body = await validBody({ accountId: randomUUID() });
    const first = expectProblem(await postTransaction(body, key), 404);
    const replay = await postTransaction(body, key);
    const second = expectProblem(replay, 404);
    expect(second.detail).toBe(first.detail);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it('remembers a key for 24 hours, after which it may be used for another request', async () => {
    const key = randomUUID();
    const first = await postTransaction<Accepted>(await validBody({ amount: '1.00' }), key);
    expect(first.status).toBe(202);
    const stored = await pool.query<{ hours: string }>(
      `SELECT extract(epoch FROM expires_at - created_at) / 3600 AS hours FROM idempotency_keys WHERE key = $1`,
      [key],
    );
    expect(Number(stored.rows[0]?.hours)).toBe(IDEMPOTENCY_TTL_HOURS);
    // Within the 24 h another body is refused...
    expectProblem(await postTransaction(await validBody({ amount: '2.00' }), key), 422);
    // ...once they have passed, the key starts afresh.
    await pool.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1`, [key]);
    const reused = await postTransaction<Accepted>(await validBody({ amount: '2.00' }), key);
    expect(reused.status, JSON.stringify(reused.body)).toBe(202);
    expect(reused.body.id).not.toBe(first.body.id);
    expect(reused.headers.get('idempotent-replayed')).toBeNull();
  });
});

describe('purge of expired keys', () => {
  /** A completed key whose 24 h ended `hoursAgo` ago (negative: still live), written as time would leave it. */
  async function storedKey(hoursAgo: number): Promise<string> {
    const key = randomUUID();
    await pool.query(
      `INSERT INTO idempotency_keys (id, scope, key, request_hash, status, response_status, created_at, expires_at)
       VALUES (gen_random_uuid(), 'test:purge', $1, repeat('0', 64), 'completed', 202,
               now() - make_interval(hours => $2::int + 24), now() - make_interval(hours => $2::int))`,
      [key, hoursAgo],
    );
    return key;
  }

  async function remaining(keys: readonly string[]): Promise<string[]> {
    const rows = await pool.query<{ key: string }>('SELECT key FROM idempotency_keys WHERE key = ANY($1)', [keys]);
    return rows.rows.map((row) => row.key);
  }

  it('deletes expired keys and keeps live ones', async () => {
    const expired = await storedKey(1);
    const live = await storedKey(-1);
    expect(await purgeExpiredIdempotencyKeys(db())).toBeGreaterThanOrEqual(1);
    expect(await remaining([expired, live])).toEqual([live]);
  });

  it('deletes at most its batch size times its batch count per run', async () => {
    const expired = [await storedKey(2), await storedKey(2), await storedKey(2)];
    expect(await purgeExpiredIdempotencyKeys(db(), 1, 2)).toBe(2);
    expect(await remaining(expired)).toHaveLength(1);
    await purgeExpiredIdempotencyKeys(db());
    expect(await remaining(expired)).toEqual([]);
  });
});
