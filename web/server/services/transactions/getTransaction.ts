import type { TransactionResource } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { problems } from '../../utils/problem';
import { pendingToResource, toTransactionResource } from '../../utils/resources';
import { findCommandFailure } from '../commands/findCommandFailure';
import { findPendingCommand } from './pendingCommands';

/** The ledger's row when it exists, else the accepted-but-unapplied command; either of the caller's organization. */
export async function getTransaction(id: string, organizationId: string): Promise<TransactionResource> {
  const row = await useDb().transaction.findFirst({ where: { id, organizationId } });
  if (row) return toTransactionResource(row);
  const pending = await findPendingCommand(id);
  if (pending && pending.organizationId === organizationId) {
    const failure = await findCommandFailure(id, organizationId);
    return failure ? { ...pendingToResource(pending), status: 'failed', failure } : pendingToResource(pending);
  }
  throw problems.notFound(`There is no transaction ${id}`, { name: 'params.id', reason: 'no such transaction' });
}
