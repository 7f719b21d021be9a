import {
  COMMAND_FAILED_PROBLEM_TYPE,
  type CommandFailureProblem,
  commandFailureKey,
  PROBLEM_TYPE_BASE,
} from '@billstream/contracts';
import { useRedis } from '../../utils/redis';

/**
 * The failure of an accepted command, as every processor's built-in
 * command-failures view wrote it (streams/src/runtime/kafka/commandFailures.ts).
 * Null when no processor gave up on it.
 * Callers ask only for a command they already found pending in the caller's
 * organization; a failure recorded for another organization is never shown.
 */
export async function findCommandFailure(id: string, organizationId: string): Promise<CommandFailureProblem | null> {
  const fields = await useRedis().hgetall(commandFailureKey(id));
  if (!fields.reason || !fields.failedAt) return null;
  if (fields.organizationId && fields.organizationId !== organizationId) return null;
  return {
    type: `${PROBLEM_TYPE_BASE}${COMMAND_FAILED_PROBLEM_TYPE}`,
    title: 'The command could not be processed',
    detail: `${fields.commandType ?? 'The command'} was dead-lettered: ${fields.reason}`,
    failedAt: fields.failedAt,
  };
}
