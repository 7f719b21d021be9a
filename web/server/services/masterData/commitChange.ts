import type { Prisma } from '@billstream/db';
import { useDb } from '../../utils/db';
import { type ProblemError, problems } from '../../utils/problem';
import { type CachedResource, invalidateReads } from '../../utils/readCache';
import { drainMasterDataOutbox } from './outbox';

/** Longest a master-data write transaction may run (an import of IMPORT_ROWS_MAX rows included). */
export const WRITE_TRANSACTION_TIMEOUT_MS = 120_000;

/** Carries an expected failure out of the transaction so that it rolls back. */
class Refused extends Error {
  constructor(readonly problem: ProblemError) {
    super(problem.message);
  }
}

/** Inside `work`: returns the problem after rolling everything back. */
export function refuse(problem: ProblemError): never {
  throw new Refused(problem);
}

/**
 * Runs one master-data change: `work` writes rows and their outbox records
 * in one transaction (or refuses, rolling back); after the commit the read
 * cache of the resource is invalidated and the outbox drained, so the
 * caller's 2xx means the record is on the topic. When Kafka is down the
 * change stays committed and the outbox publishes it later; the caller gets
 * a 503 saying so.
 */
export async function commitChange<T>(
  organizationId: string,
  resources: readonly CachedResource[],
  work: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T | ProblemError> {
  let result: T;
  try {
    result = await useDb().$transaction(work, { timeout: WRITE_TRANSACTION_TIMEOUT_MS, maxWait: 10_000 });
  } catch (error) {
    if (error instanceof Refused) return error.problem;
    throw error;
  }
  await invalidateReads(organizationId, resources);
  try {
    await drainMasterDataOutbox();
  } catch (error) {
    console.error('[master-data] publish failed, the outbox retries:', error instanceof Error ? error.message : error);
    return problems.unavailable(
      'The change is saved, but the master-data topic is not reachable; it will be published automatically',
    );
  }
  return result;
}

/** Locks one organization's rows of a kind against concurrent structural changes (the category tree). */
export async function lockOrganization(tx: Prisma.TransactionClient, kind: string, organizationId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`${kind}:${organizationId}`}))`;
}

/** True for Prisma's unique-constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/** Tables whose single rows are locked for an update or delete. */
export type LockedTable = 'products';

/** Locks one row of the organization until the transaction ends (a concurrent edit waits, then sees the new version). */
export async function lockRow(tx: Prisma.TransactionClient, table: LockedTable, id: string, organizationId: string) {
  if (table !== 'products') throw new Error(`no row lock for ${table}`);
  await tx.$executeRaw`SELECT 1 FROM products WHERE id = ${id}::uuid AND organization_id = ${organizationId}::uuid FOR UPDATE`;
}
