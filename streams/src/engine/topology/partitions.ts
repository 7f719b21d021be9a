import { assert } from '../assert.ts';
import { TopologyError } from './errors.ts';
import type { Subtopology } from './subtopology.ts';

const MURMUR2_SEED = 0x9747b28c;
const MURMUR2_M = 0x5bd1e995;

/** Kafka's murmur2 (Utils.murmur2), so our routing matches the Java and KafkaJS default partitioners. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = MURMUR2_SEED ^ length;
  const length4 = length >>> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = data[i4]! | (data[i4 + 1]! << 8) | (data[i4 + 2]! << 16) | (data[i4 + 3]! << 24);
    k = Math.imul(k, MURMUR2_M);
    k ^= k >>> 24;
    k = Math.imul(k, MURMUR2_M);
    h = Math.imul(h, MURMUR2_M);
    h ^= k;
  }
  const tail = length & ~3;
  const rest = length % 4;
  if (rest === 3) h ^= data[tail + 2]! << 16;
  if (rest >= 2) h ^= data[tail + 1]! << 8;
  if (rest >= 1) {
    h ^= data[tail]!;
    h = Math.imul(h, MURMUR2_M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, MURMUR2_M);
  h ^= h >>> 15;
  return h | 0;
}

/** The partition Kafka's default partitioner picks for a keyed record. */
export function defaultPartition(keyBytes: Uint8Array, partitionCount: number): number {
  assert(Number.isSafeInteger(partitionCount) && partitionCount > 0, `partition count ${partitionCount}`);
  return (murmur2(keyBytes) & 0x7fffffff) % partitionCount;
}

/** Fixpoint rounds are bounded by the sub-topology count; this caps a runaway loop. */
const PARTITION_RESOLUTION_ROUNDS_MAX = 10_000;

/**
 * Partition counts of every topic the sub-topologies read. External topics come
 * from `externalCount` (the broker's metadata); a repartition topic takes the
 * count of the co-partitioned topics read beside it, else the largest count
 * among the sub-topologies writing it (Kafka Streams' rule). Throws a
 * TopologyError when a source topic is missing or one sub-topology reads topics
 * with different counts: a join over them would silently miss records.
 */
export function resolvePartitionCounts(
  subtopologies: readonly Subtopology[],
  externalCount: (topic: string) => number | undefined,
): Map<string, number> {
  const counts = new Map<string, number>();
  const repartition = new Set(subtopologies.flatMap((sub) => sub.repartitionSourceTopics));
  for (const sub of subtopologies) {
    for (const topic of sub.sourceTopics) {
      if (repartition.has(topic)) continue;
      const count = externalCount(topic);
      if (count === undefined) throw new TopologyError(`source topic ${topic} does not exist`);
      assert(Number.isSafeInteger(count) && count > 0, `topic ${topic} has ${count} partitions`);
      counts.set(topic, count);
    }
  }
  for (let round = 0; round < PARTITION_RESOLUTION_ROUNDS_MAX; round++) {
    if (!resolveRound(subtopologies, repartition, counts)) break;
    assert(round < PARTITION_RESOLUTION_ROUNDS_MAX - 1, 'partition count resolution did not converge');
  }
  for (const topic of repartition) {
    if (!counts.has(topic)) throw new TopologyError(`cannot size repartition topic ${topic}: no upstream partitions`);
  }
  for (const sub of subtopologies) checkCopartitioned(sub, counts);
  return counts;
}

/** One propagation step; returns true when some repartition topic got a count. */
function resolveRound(subtopologies: readonly Subtopology[], repartition: Set<string>, counts: Map<string, number>) {
  let changed = false;
  for (const sub of subtopologies) {
    const known = sub.sourceTopics.filter((topic) => counts.has(topic));
    const unknown = sub.sourceTopics.filter((topic) => !counts.has(topic));
    if (unknown.length === 0) continue;
    let count = known.length > 0 ? counts.get(known[0]!) : undefined;
    if (count === undefined) count = maxWriterCount(subtopologies, unknown, counts);
    if (count === undefined) continue;
    for (const topic of unknown) {
      assert(repartition.has(topic), `external topic ${topic} has no count`);
      counts.set(topic, count);
    }
    changed = true;
  }
  return changed;
}

function maxWriterCount(subtopologies: readonly Subtopology[], topics: readonly string[], counts: Map<string, number>) {
  let max: number | undefined;
  for (const writer of subtopologies) {
    if (!writer.sinkTopics.some((topic) => topics.includes(topic))) continue;
    for (const source of writer.sourceTopics) {
      const count = counts.get(source);
      if (count === undefined) return undefined;
      max = Math.max(max ?? 0, count);
    }
  }
  return max;
}

function checkCopartitioned(sub: Subtopology, counts: Map<string, number>): void {
  const described = sub.sourceTopics.map((topic) => `${topic} (${counts.get(topic)})`);
  const distinct = new Set(sub.sourceTopics.map((topic) => counts.get(topic)));
  if (distinct.size > 1) {
    throw new TopologyError(
      `sub-topology ${sub.id} reads topics that are not co-partitioned: ${described.join(', ')}; ` +
        'its sources must have equal partition counts',
    );
  }
}
