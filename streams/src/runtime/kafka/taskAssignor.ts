import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';

/** A unit of work: one sub-topology at one partition number ("<subtopology>_<partition>"). */
export interface TaskSpec {
  readonly id: string;
  readonly subtopologyId: number;
  readonly partition: number;
  /** Every source topic of the sub-topology; all are read at `partition`. */
  readonly topics: readonly string[];
}

export interface SubtopologyTopics {
  readonly id: number;
  readonly sourceTopics: readonly string[];
}

export const TASKS_PER_APP_MAX = 10_000;

/**
 * Lists the tasks of an app. Co-partitioned sources must have equal partition
 * counts — otherwise records with one key would land in different tasks — so a
 * mismatch is a startup error, as in Kafka Streams.
 */
export function listTasks(
  subtopologies: readonly SubtopologyTopics[],
  partitionsOf: (topic: string) => number,
): TaskSpec[] {
  const tasks: TaskSpec[] = [];
  for (const subtopology of subtopologies) {
    if (subtopology.sourceTopics.length === 0) throw new Error(`sub-topology ${subtopology.id} has no source topic`);
    const counts = subtopology.sourceTopics.map((topic) => ({ topic, partitions: partitionsOf(topic) }));
    const first = counts[0]!.partitions;
    const mismatch = counts.find((entry) => entry.partitions !== first);
    if (mismatch || first <= 0) {
      const detail = counts.map((entry) => `${entry.topic}=${entry.partitions}`).join(', ');
      throw new Error(`sub-topology ${subtopology.id} reads topics that are not co-partitioned: ${detail}`);
    }
    for (let partition = 0; partition < first; partition += 1) {
      tasks.push({
        id: `${subtopology.id}_${partition}`,
        subtopologyId: subtopology.id,
        partition,
        topics: subtopology.sourceTopics,
      });
    }
  }
  if (tasks.length > TASKS_PER_APP_MAX) throw new Error(`${tasks.length} tasks exceed TASKS_PER_APP_MAX`);
  return tasks;
}

/**
 * Spreads tasks over members: each member keeps the tasks it had where that
 * stays balanced (fewer state restores), the rest go to the least-loaded member.
 * Deterministic for the same input, so every member computes the same answer.
 */
export function assignTasks(
  memberIds: readonly string[],
  tasks: readonly TaskSpec[],
  previous: ReadonlyMap<string, readonly string[]> = new Map(),
): Map<string, TaskSpec[]> {
  if (memberIds.length === 0) throw new Error('no members to assign tasks to');
  const members = [...memberIds].sort();
  const capacity = Math.ceil(tasks.length / members.length);
  const assignment = new Map<string, TaskSpec[]>(members.map((member) => [member, []]));
  const owner = new Map<string, string>();
  for (const member of members) for (const taskId of previous.get(member) ?? []) owner.set(taskId, member);
  const unassigned: TaskSpec[] = [];
  for (const task of tasks) {
    const previousOwner = owner.get(task.id);
    const list = previousOwner === undefined ? undefined : assignment.get(previousOwner);
    if (list && list.length < capacity) list.push(task);
    else unassigned.push(task);
  }
  for (const task of unassigned) {
    let target = members[0]!;
    for (const member of members) if (assignment.get(member)!.length < assignment.get(target)!.length) target = member;
    assignment.get(target)!.push(task);
  }
  return assignment;
}

function encodeTaskIds(taskIds: readonly string[]): Buffer {
  return Buffer.from(JSON.stringify(taskIds));
}

function decodeTaskIds(userData: Buffer | undefined): string[] {
  if (!userData || userData.length === 0) return [];
  try {
    const parsed: unknown = JSON.parse(userData.toString('utf8'));
    return Array.isArray(parsed) ? parsed.filter((entry): entry is string => typeof entry === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * A KafkaJS partition assigner that hands out whole tasks: every source topic of
 * a sub-topology at the same partition goes to the same member. KafkaJS's
 * built-in assigners spread topic-partitions independently and would split them.
 */
export function taskPartitionAssigner(options: {
  subtopologies: readonly SubtopologyTopics[];
  currentTaskIds: () => readonly string[];
}): PartitionAssigner {
  return ({ cluster }) => ({
    name: 'BillstreamTaskAssigner',
    version: 1,
    async assign({ members }) {
      const tasks = listTasks(options.subtopologies, (topic) => cluster.findTopicPartitionMetadata(topic).length);
      const previous = new Map<string, string[]>();
      for (const member of members) {
        const metadata = AssignerProtocol.MemberMetadata.decode(member.memberMetadata);
        previous.set(member.memberId, decodeTaskIds(metadata?.userData));
      }
      const assignment = assignTasks(
        members.map((member) => member.memberId),
        tasks,
        previous,
      );
      return [...assignment].map(([memberId, memberTasks]) => ({
        memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: 1,
          assignment: topicPartitions(memberTasks),
          userData: encodeTaskIds(memberTasks.map((task) => task.id)),
        }),
      }));
    },
    protocol({ topics }) {
      return {
        name: 'BillstreamTaskAssigner',
        metadata: AssignerProtocol.MemberMetadata.encode({
          version: 1,
          topics,
          userData: encodeTaskIds(options.currentTaskIds()),
        }),
      };
    },
  });
}

export function topicPartitions(tasks: readonly TaskSpec[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const task of tasks) {
    for (const topic of task.topics) {
      out[topic] = out[topic] ?? [];
      out[topic].push(task.partition);
    }
  }
  return out;
}
