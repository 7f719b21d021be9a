import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { buildTaskStores, StreamsBuilder, stringSerde } from '../../engine/index.ts';
import { PROCESSING_ATTEMPTS_MAX, TaskRuntime } from './taskRuntime.ts';

/**
 * A topology whose processor throws on any value containing "boom": a
 * processing error, not a bad record. "flaky" throws only on its first
 * attempt (a transient failure that a retry from the last commit heals).
 */
function fragileTopology() {
  const builder = new StreamsBuilder();
  let flakyAttempts = 0;
  builder
    .stream('in', { keySerde: stringSerde, valueSerde: stringSerde })
    .mapValues((value) => {
      if (value.includes('boom')) throw new Error('cannot handle boom');
      if (value === 'flaky' && ++flakyAttempts === 1) throw new Error('flaky once');
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
    failuresTopic: 'app-command-failures-view',
    onRestore: () => {},
  });
  const internals = task as unknown as {
    stores: unknown;
    task: unknown;
    createTask(): unknown;
    rebuild(): Promise<void>;
  };
  let rebuilds = 0;
  internals.rebuild = async function rebuild(this: typeof internals) {
    rebuilds += 1;
    (task as unknown as { buffers: { clear(): void } }).buffers.clear();
    (task as unknown as { uncommitted: unknown[] }).uncommitted.length = 0;
    this.stores = buildTaskStores(subtopology);
    this.task = this.createTask();
  };
  return { task, rebuild: () => internals.rebuild(), rebuilds: () => rebuilds };
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

  it('dead-letter: retries PROCESSING_ATTEMPTS_MAX times in all, each from the last commit', async () => {
    const { task, rebuild, rebuilds } = runtime();
    await rebuild();
    const letters: string[] = [];
    await task.process('in', [message(0, 'boom')], (letter) => letters.push(letter.reason), 'dead-letter');
    // One rebuild to open, then one roll-back per failed attempt.
    expect(rebuilds()).toBe(1 + PROCESSING_ATTEMPTS_MAX);
    expect(letters).toEqual([expect.stringContaining(`after ${PROCESSING_ATTEMPTS_MAX} attempts`)]);
  });

  it('dead-letter: a transient failure heals on retry and nothing is dead-lettered', async () => {
    const { task, rebuild } = runtime();
    await rebuild();
    const letters: string[] = [];
    await task.process(
      'in',
      [message(0, 'a'), message(1, 'flaky')],
      (letter) => letters.push(letter.reason),
      'dead-letter',
    );
    expect(letters).toEqual([]);
    expect(produced(task)).toEqual(['out:A', 'out:FLAKY']);
  });

  it('dead-letter: a second poison record in one commit interval keeps the first one dead-lettered', async () => {
    const { task, rebuild } = runtime();
    await rebuild();
    const letters: string[] = [];
    const batch = [message(0, 'a'), message(1, 'boom1'), message(2, 'b'), message(3, 'boom2'), message(4, 'c')];
    await task.process('in', batch, (letter) => letters.push(letter.reason), 'dead-letter');
    expect(letters).toHaveLength(2);
    expect(produced(task)).toEqual(['out:A', 'out:B', 'out:C', 'app-dlq:boom1', 'app-dlq:boom2']);
  });

  it('dead-letter: announces the failed command under the id the client polls', async () => {
    const { task, rebuild } = runtime();
    await rebuild();
    const command = JSON.stringify({ type: 'TransactionRequested', data: { transactionId: 't-1', boom: true } });
    await task.process('in', [message(0, command)], () => {}, 'dead-letter');
    const failures = produced(task).filter((entry) => entry.startsWith('app-command-failures-view:'));
    expect(failures).toHaveLength(1);
    const row = JSON.parse(failures[0]!.slice('app-command-failures-view:'.length));
    expect(row).toMatchObject({
      key: 't-1',
      value: { id: 't-1', organizationId: null, commandType: 'TransactionRequested' },
    });
    expect(row.value.reason).toContain('cannot handle boom');
  });
});
