import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { buildTaskStores, StreamsBuilder, stringSerde } from '../../engine/index.ts';
import { TaskRuntime } from './taskRuntime.ts';

/** A topology whose processor throws on the value "boom": a processing error, not a bad record. */
function fragileTopology() {
  const builder = new StreamsBuilder();
  builder
    .stream('in', { keySerde: stringSerde, valueSerde: stringSerde })
    .mapValues((value) => {
      if (value === 'boom') throw new Error('cannot handle boom');
      return value.toUpperCase();
    })
    .to('out', { keySerde: stringSerde, valueSerde: stringSerde });
  return builder.build().subtopologies('app')[0]!;
}

/** A TaskRuntime whose "restore" needs no broker: nothing was committed, so state starts empty. */
function runtime() {
  const subtopology = fragileTopology();
  const task = new TaskRuntime({ id: '0_0', subtopologyId: 0, partition: 0, topics: ['in'] }, subtopology, {
    appId: 'app',
    groupId: 'app',
    kafka: null as never,
    exactlyOnce: false,
    sharedProducer: null,
    globalStores: new Map(),
    viewTopic: (view) => `app-${view.name}-view`,
    dlqTopic: 'app-dlq',
    onRestore: () => {},
  });
  const internals = task as unknown as {
    stores: unknown;
    task: unknown;
    createTask(): unknown;
    rebuild(): Promise<void>;
  };
  internals.rebuild = async function rebuild(this: typeof internals) {
    (task as unknown as { buffers: { clear(): void } }).buffers.clear();
    (task as unknown as { uncommitted: unknown[] }).uncommitted.length = 0;
    this.stores = buildTaskStores(subtopology);
    this.task = this.createTask();
  };
  return { task, rebuild: () => internals.rebuild() };
}

const message = (offset: number, value: string): KafkaMessage =>
  ({
    offset: String(offset),
    key: Buffer.from('k'),
    value: Buffer.from(value),
    timestamp: '1',
    headers: {},
    attributes: 0,
  }) as KafkaMessage;

function produced(task: TaskRuntime) {
  const calls = (
    task as unknown as { buffers: { calls(): { topic: string; messages: { value: unknown }[] }[][] } }
  ).buffers.calls();
  return calls.flat().flatMap((entry) => entry.messages.map((m) => `${entry.topic}:${String(m.value)}`));
}

describe('TaskRuntime processing-error policy', () => {
  it('dead-letter: rolls back, replays the records around the failing one and dead-letters it', async () => {
    const { task, rebuild } = runtime();
    await rebuild();
    const letters: string[] = [];
    await task.process(
      'in',
      [message(0, 'a'), message(1, 'boom'), message(2, 'b')],
      (letter) => letters.push(letter.reason),
      'dead-letter',
    );
    expect(letters).toEqual([expect.stringContaining('cannot handle boom')]);
    expect(produced(task)).toEqual(['out:A', 'out:B', 'app-dlq:boom']);
  });

  it('fail: the error escapes so the runner restarts from the last commit', async () => {
    const { task, rebuild } = runtime();
    await rebuild();
    await expect(task.process('in', [message(0, 'boom')], () => {}, 'fail')).rejects.toThrow(/cannot handle boom/);
  });
});
