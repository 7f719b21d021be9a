import type { StateStore } from '../state/store.ts';
import type { RecordMetadata, StreamRecord } from './record.ts';

export type PunctuationType = 'stream-time' | 'wall-clock-time';
export type Punctuator = (timestampMs: number) => void;

export interface Cancellable {
  cancel(): void;
}

/** Why a record was dropped on purpose; the task counts each reason. */
export type DropReason = 'late-record' | 'null-key' | 'null-value' | 'invalid-timestamp';

/**
 * The only door from a processor to the world. Processors never create stores
 * or clients: the task builds stores from the topology and the runtime owns I/O,
 * so one processor class runs unchanged under the test driver and in production.
 */
export interface ProcessorContext<KOut = unknown, VOut = unknown> {
  readonly appId: string;
  readonly taskId: string;
  /** The input partition number this task owns (-1 for the global task). */
  readonly partition: number;
  /** Sends to every child, or to the named child only. Runs after process() returns, depth-first. */
  forward(record: StreamRecord<KOut, VOut>, childName?: string): void;
  /** A store connected to this processor, or any global store. */
  getStateStore<S extends StateStore = StateStore>(name: string): S;
  schedule(intervalMs: number, type: PunctuationType, punctuator: Punctuator): Cancellable;
  recordMetadata(): RecordMetadata | null;
  /** Largest record timestamp this task has seen, including the current record; -1 before any. */
  currentStreamTimeMs(): number;
  currentSystemTimeMs(): number;
  /** Counts a deliberate drop (late record, null key...) in the task metrics. */
  recordDropped(reason: DropReason): void;
}

/**
 * Methods (not arrow properties) on purpose: method parameters are bivariant, so
 * a Processor<string, number> fits where the topology stores Processor<unknown, unknown>.
 */
export interface Processor<KIn, VIn, KOut = unknown, VOut = unknown> {
  init?(context: ProcessorContext<KOut, VOut>): void;
  process(record: StreamRecord<KIn, VIn>): void;
  close?(): void;
}

export type ProcessorSupplier<KIn = unknown, VIn = unknown, KOut = unknown, VOut = unknown> = () => Processor<
  KIn,
  VIn,
  KOut,
  VOut
>;
