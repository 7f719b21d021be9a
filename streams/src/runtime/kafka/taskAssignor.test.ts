import { describe, expect, it } from 'vitest';
import { assignTasks, listTasks, topicPartitions } from './taskAssignor.ts';

const subtopologies = [
  { id: 0, sourceTopics: ['commands', 'events'] },
  { id: 1, sourceTopics: ['repartition'] },
];

describe('task assignment', () => {
  it('lists one task per partition of each sub-topology', () => {
    const tasks = listTasks(subtopologies, () => 3);
    expect(tasks.map((task) => task.id)).toEqual(['0_0', '0_1', '0_2', '1_0', '1_1', '1_2']);
  });

  it('refuses sources that are not co-partitioned', () => {
    expect(() => listTasks(subtopologies, (topic) => (topic === 'events' ? 6 : 12))).toThrow(
      /not co-partitioned.*commands=12, events=6/,
    );
  });

  it('keeps co-partitioned topics of a task on one member', () => {
    const tasks = listTasks(subtopologies, () => 4);
    const assignment = assignTasks(['b', 'a'], tasks);
    for (const memberTasks of assignment.values()) {
      const partitions = topicPartitions(memberTasks);
      expect(partitions.commands).toEqual(partitions.events);
    }
    expect([...assignment.values()].map((list) => list.length)).toEqual([4, 4]);
  });

  it('is sticky and balanced when a member joins or leaves', () => {
    const tasks = listTasks(subtopologies, () => 6);
    const one = assignTasks(['a'], tasks);
    const two = assignTasks(['a', 'b'], tasks, new Map([['a', one.get('a')!.map((task) => task.id)]]));
    expect(two.get('a')).toHaveLength(6);
    expect(two.get('b')).toHaveLength(6);
    const kept = two.get('a')!.every((task) => one.get('a')!.some((previous) => previous.id === task.id));
    expect(kept).toBe(true);
    const back = assignTasks(['b'], tasks, new Map([['b', two.get('b')!.map((task) => task.id)]]));
    expect(back.get('b')).toHaveLength(12);
  });
});
