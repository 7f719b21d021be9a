import type { RecordMetadata } from '../processor/record.ts';
import { SerdeError } from '../serde/serde.ts';

/**
 * An input record the source serdes rejected. Thrown before anything ran, so
 * the task is intact and has already counted the offset as consumed: the
 * runtime dead-letters the record (with `reason`) and carries on.
 */
export class DeserializationError extends Error {
  readonly taskId: string;
  readonly source: RecordMetadata;
  readonly reason: string;

  constructor(taskId: string, source: RecordMetadata, cause: unknown) {
    const reason = cause instanceof SerdeError ? cause.reason : String((cause as Error)?.message ?? cause);
    super(`task ${taskId}: cannot deserialize ${source.topic}-${source.partition}@${source.offset}: ${reason}`, {
      cause,
    });
    this.name = 'DeserializationError';
    this.taskId = taskId;
    this.source = source;
    this.reason = reason;
  }
}

/**
 * Something threw mid-graph (a processor, a sink serde, a store). Stores and
 * outputs may hold part of the record's effects, so the task is corrupted: the
 * runtime must abort the transaction, drop the task and rebuild it from the
 * changelog. `cause` tells whether the record itself is to blame (SerdeError).
 */
export class ProcessingError extends Error {
  readonly taskId: string;
  readonly node: string | null;
  readonly source: RecordMetadata | null;

  constructor(taskId: string, node: string | null, source: RecordMetadata | null, cause: unknown) {
    const where = source === null ? 'a punctuation' : `${source.topic}-${source.partition}@${source.offset}`;
    super(`task ${taskId}: node ${node ?? '?'} failed on ${where}: ${(cause as Error)?.message ?? cause}`, { cause });
    this.name = 'ProcessingError';
    this.taskId = taskId;
    this.node = node;
    this.source = source;
  }
}
