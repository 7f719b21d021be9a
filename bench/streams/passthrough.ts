/**
 * The raw KafkaJS ceiling for `pnpm bench:streams`: consume -> produce with no
 * state and no deserialization, on the same skeleton as the engine's runtime
 * (streams/src/runtime/kafka): eachBatch with 12 partitions in parallel,
 * read_committed, records buffered per partition and committed every
 * COMMIT_INTERVAL_MS (or past 10,000 buffered records). MODE=eos: one
 * transactional producer per input partition (transactional.id per task, as
 * the engine does), outputs + sendOffsets + commit in one transaction.
 * MODE=plain: one idempotent producer, send then commit offsets.
 * Prints READY on its first group join.
 */
import { Kafka, logLevel, type Message, type Producer } from 'kafkajs';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const INPUT = env('INPUT_TOPIC');
const OUTPUT = env('OUTPUT_TOPIC');
const GROUP = env('GROUP_ID');
const MODE = env('MODE');
const COMMIT_INTERVAL_MS = Number(process.env.COMMIT_INTERVAL_MS ?? 100);
const BUFFERED_MAX = 10_000;
const CALL_BYTES_MAX = 512 * 1024;
const COMMIT_TICK_MS = 20;
if (MODE !== 'eos' && MODE !== 'plain') throw new Error('MODE must be eos or plain');

const kafka = new Kafka({ clientId: GROUP, brokers: env('KAFKA_BROKERS').split(','), logLevel: logLevel.WARN });

interface PartitionState {
  producer: Producer | null;
  buffered: Message[];
  nextOffset: string | null;
  lastCommitMs: number;
  chain: Promise<unknown>;
}

const partitions = new Map<number, PartitionState>();
let shared: Producer | null = null;

const consumer = kafka.consumer({
  groupId: GROUP,
  readUncommitted: false,
  sessionTimeout: 10_000,
  heartbeatInterval: 1_000,
});

function locked<T>(state: PartitionState, work: () => Promise<T>): Promise<T> {
  const next = state.chain.then(work, work);
  state.chain = next.catch(() => {});
  return next;
}

async function stateFor(partition: number): Promise<PartitionState> {
  let state = partitions.get(partition);
  if (state) return state;
  state = { producer: null, buffered: [], nextOffset: null, lastCommitMs: Date.now(), chain: Promise.resolve() };
  partitions.set(partition, state);
  if (MODE === 'eos') {
    const producer = kafka.producer({
      transactionalId: `${GROUP}-${partition}`,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: 60_000,
    });
    state.producer = producer;
    await locked(state, () => producer.connect());
  }
  return state;
}

/** Produce calls of at most CALL_BYTES_MAX each (the engine splits the same way). */
function calls(messages: Message[]): Message[][] {
  const out: Message[][] = [];
  let call: Message[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = (message.value as Buffer).length + ((message.key as Buffer | null)?.length ?? 0) + 64;
    if (bytes + size > CALL_BYTES_MAX && bytes > 0) {
      out.push(call);
      call = [];
      bytes = 0;
    }
    call.push(message);
    bytes += size;
  }
  if (call.length > 0) out.push(call);
  return out;
}

async function commit(partition: number, state: PartitionState): Promise<void> {
  if (state.nextOffset === null) return;
  const messages = state.buffered;
  const offsets = [{ topic: INPUT, partitions: [{ partition, offset: state.nextOffset }] }];
  if (state.producer) {
    const transaction = await state.producer.transaction();
    try {
      for (const call of calls(messages)) await transaction.send({ topic: OUTPUT, acks: -1, messages: call });
      await transaction.sendOffsets({ consumerGroupId: GROUP, topics: offsets });
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => {});
      throw error;
    }
  } else {
    for (const call of calls(messages)) await shared!.send({ topic: OUTPUT, acks: -1, messages: call });
    await consumer.commitOffsets([{ topic: INPUT, partition, offset: state.nextOffset }]);
  }
  state.buffered = [];
  state.nextOffset = null;
  state.lastCommitMs = Date.now();
}

function fail(error: unknown): never {
  process.stderr.write(`passthrough failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  if (MODE === 'plain') {
    shared = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await shared.connect();
  }
  let ready = false;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    if (ready) return;
    ready = true;
    process.stdout.write('READY\n');
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => fail(payload.error));
  await consumer.connect();
  await consumer.subscribe({ topic: INPUT, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: 12,
    eachBatch: async (payload) => {
      const { batch } = payload;
      if (batch.messages.length === 0) return;
      const state = await stateFor(batch.partition);
      await locked(state, async () => {
        for (const message of batch.messages) state.buffered.push({ key: message.key, value: message.value });
        state.nextOffset = (BigInt(batch.lastOffset()) + 1n).toString();
        payload.resolveOffset(batch.lastOffset());
        if (Date.now() - state.lastCommitMs >= COMMIT_INTERVAL_MS || state.buffered.length > BUFFERED_MAX)
          await commit(batch.partition, state);
      }).catch(fail);
      await payload.heartbeat();
    },
  });
  const timer = setInterval(() => {
    const now = Date.now();
    for (const [partition, state] of partitions) {
      if (state.nextOffset !== null && now - state.lastCommitMs >= COMMIT_INTERVAL_MS)
        void locked(state, () => commit(partition, state)).catch(fail);
    }
  }, COMMIT_TICK_MS);
  const stop = async () => {
    clearInterval(timer);
    const force = setTimeout(() => process.exit(1), 15_000);
    await consumer.stop().catch(() => {});
    for (const [partition, state] of partitions) await locked(state, () => commit(partition, state)).catch(() => {});
    await consumer.disconnect().catch(() => {});
    for (const state of partitions.values()) await state.producer?.disconnect().catch(() => {});
    await shared?.disconnect().catch(() => {});
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch(fail);
