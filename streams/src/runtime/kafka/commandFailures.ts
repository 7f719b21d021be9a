import { CommandFailure, commandFailureKey } from '@billstream/contracts';
import type { ViewHandlers } from './viewSink.ts';

/** A failed command stays readable this long: the command topics keep 7 days, the idempotency window is a day. */
export const COMMAND_FAILURE_TTL_SECONDS = 8 * 24 * 60 * 60;

/**
 * The built-in view every topology app materializes: commands its tasks
 * dead-lettered, by the id the client polls, so that GET answers `failed`
 * with the reason instead of `pending` for ever.
 */
export const commandFailuresView: ViewHandlers = {
  redis: {
    ttlSeconds: COMMAND_FAILURE_TTL_SECONDS,
    toHash(row) {
      if (row.value === null) return { key: commandFailureKey(String(row.key)), fields: null };
      const failure = CommandFailure.parse(row.value);
      return {
        key: commandFailureKey(failure.id),
        fields: {
          organizationId: failure.organizationId ?? '',
          commandType: failure.commandType,
          reason: failure.reason,
          failedAt: failure.failedAt,
        },
      };
    },
  },
};
