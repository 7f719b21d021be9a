import type { Producer, ProducerBatch } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { ProduceBatcher } from './produceBatcher';

/** A producer whose requests complete only when the test says so. */
function fakeProducer() {
  const requests: { batch: ProducerBatch; finish: (error?: Error) => void }[] = [];
  const producer = {
    sendBatch: (batch: ProducerBatch) =>
      new Promise((resolve, reject) => {
        requests.push({ batch, finish: (error) => (error ? reject(error) : resolve([])) });
      }),
  } as unknown as Producer;
  return { producer: () => Promise.resolve(producer), requests };
}

const values = (batch: ProducerBatch) =>
  (batch.topicMessages ?? []).flatMap((entry) => entry.messages.map((message) => `${entry.topic}:${message.value}`));
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ProduceBatcher', () => {
  it('sends records that arrive during a request together in the next one, in order, with acks=all', async () => {
    const { producer, requests } = fakeProducer();
    const batcher = new ProduceBatcher(producer);
    const settled: string[] = [];
    const first = batcher.send('t', { value: '1' }).then(() => settled.push('1'));
    await tick();
    const later = ['2', '3', '4'].map((v) =>
      batcher.send(v === '3' ? 'u' : 't', { value: v }).then(() => settled.push(v)),
    );
    await tick();
    expect(requests).toHaveLength(1);
    expect(requests[0]!.batch.acks).toBe(-1);
    expect(values(requests[0]!.batch)).toEqual(['t:1']);
    requests[0]!.finish();
    await first;
    await tick();
    expect(settled).toEqual(['1']);
    expect(requests).toHaveLength(2);
    expect(values(requests[1]!.batch)).toEqual(['t:2', 't:4', 'u:3']);
    requests[1]!.finish();
    await Promise.all(later);
    expect(settled).toEqual(['1', '2', '3', '4']);
  });

  it('fails only the records of the failed request', async () => {
    const { producer, requests } = fakeProducer();
    const batcher = new ProduceBatcher(producer);
    const failing = batcher.send('t', { value: 'a' });
    await tick();
    const next = batcher.send('t', { value: 'b' });
    requests[0]!.finish(new Error('broker down'));
    await expect(failing).rejects.toThrow('broker down');
    await tick();
    requests[1]!.finish();
    await expect(next).resolves.toBeUndefined();
  });

  it('splits a long queue into requests of at most recordsMax records', async () => {
    const { producer, requests } = fakeProducer();
    const batcher = new ProduceBatcher(producer, 2);
    const all = ['1', '2', '3', '4', '5'].map((value) => batcher.send('t', { value }));
    await tick();
    expect(values(requests[0]!.batch)).toEqual(['t:1']);
    requests[0]!.finish();
    await tick();
    expect(values(requests[1]!.batch)).toEqual(['t:2', 't:3']);
    requests[1]!.finish();
    await tick();
    expect(values(requests[2]!.batch)).toEqual(['t:4', 't:5']);
    requests[2]!.finish();
    await Promise.all(all);
  });
});
