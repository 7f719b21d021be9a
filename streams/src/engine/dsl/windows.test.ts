import { describe, expect, it } from 'vitest';
import { numberSerde, stringSerde } from '../serde/primitive.ts';
import { type Windowed, windowedSerde } from '../serde/windowed.ts';
import { TopologyTestDriver } from '../testing/topologyTestDriver.ts';
import { StreamsBuilder } from './streamsBuilder.ts';
import { SessionWindows, TimeWindows } from './windows.ts';

const strings = { keySerde: stringSerde, valueSerde: stringSerde };
const windowedKeys = windowedSerde(stringSerde);

function windowedDriver(configure: (builder: StreamsBuilder) => void) {
  const builder = new StreamsBuilder();
  configure(builder);
  const driver = new TopologyTestDriver(builder.build());
  const input = driver.createInputTopic('in', stringSerde, stringSerde);
  const output = driver.createOutputTopic('out', windowedKeys, numberSerde);
  const read = () =>
    output.readKeyValuesToList().map(({ key, value }) => {
      const { key: k, window } = key as Windowed<string>;
      return `${k}@${window.startMs}-${window.endMs}=${value}`;
    });
  return { driver, input, read };
}

describe('time windows', () => {
  it('tumbling count with grace: late records beyond grace are dropped and counted', () => {
    const { driver, input, read } = windowedDriver((b) =>
      b
        .stream('in', strings)
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeWithGrace(10, 5))
        .count({ storeName: 'counts' })
        .toStream()
        .to('out', { keySerde: windowedKeys, valueSerde: numberSerde }),
    );
    input.pipeInput('a', 'x', 1);
    input.pipeInput('a', 'x', 12);
    input.pipeInput('a', 'x', 9); // out of order, window [0,10) closes at 15: accepted
    input.pipeInput('a', 'x', 15); // stream time 15 closes [0,10)
    input.pipeInput('a', 'x', 3); // late
    expect(read()).toEqual(['a@0-10=1', 'a@10-20=1', 'a@0-10=2', 'a@10-20=2']);
    expect(driver.droppedRecords('late-record')).toBe(1);
    expect(driver.getWindowStore<string, number>('counts').fetch('a', 0, 100)).toEqual([
      { windowStartMs: 0, value: 2 },
      { windowStartMs: 10, value: 2 },
    ]);
  });

  it('hopping windows put a record into every window that contains it', () => {
    const { input, read } = windowedDriver((b) =>
      b
        .stream('in', strings)
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeWithNoGrace(10).advanceBy(5))
        .count()
        .toStream()
        .to('out', { keySerde: windowedKeys, valueSerde: numberSerde }),
    );
    input.pipeInput('a', 'x', 7);
    input.pipeInput('a', 'x', 12);
    expect(read()).toEqual(['a@0-10=1', 'a@5-15=1', 'a@5-15=2', 'a@10-20=1']);
    expect(TimeWindows.ofSizeWithNoGrace(10).advanceBy(5).windowsFor(3)).toEqual([{ startMs: 0, endMs: 10 }]);
  });

  it('emit-final forwards each window once, when stream time passes end + grace', () => {
    const { driver, input, read } = windowedDriver((b) =>
      b
        .stream('in', strings)
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeWithGrace(10, 5))
        .emitStrategy('onWindowClose')
        .count({ storeName: 'final' })
        .toStream()
        .to('out', { keySerde: windowedKeys, valueSerde: numberSerde }),
    );
    input.pipeInput('b', 'x', 2);
    input.pipeInput('a', 'x', 4);
    input.pipeInput('a', 'x', 11);
    input.pipeInput('a', 'x', 14);
    expect(read()).toEqual([]);
    input.pipeInput('c', 'x', 15); // closes [0,10)
    expect(read()).toEqual(['a@0-10=1', 'b@0-10=1']);
    input.pipeInput('a', 'x', 29); // closes [10,20); [20,30) still open
    expect(read()).toEqual(['a@10-20=2', 'c@10-20=1']);
    driver.crashAndRestore();
    input.pipeInput('a', 'x', 30);
    expect(read()).toEqual([]);
    input.pipeInput('a', 'x', 40); // closes [20,30) after the restart; nothing emitted twice
    expect(read()).toEqual(['a@20-30=1']);
    input.pipeInput('a', 'x', 45);
    expect(read()).toEqual(['a@30-40=1']);
  });

  it('emit-final windows close when other records move stream time', () => {
    const builder = new StreamsBuilder();
    const stream = builder.stream('in', strings);
    stream
      .filter((k) => k !== 'tick')
      .groupByKey()
      .windowedBy(TimeWindows.ofSizeWithNoGrace(10))
      .emitStrategy('onWindowClose')
      .count()
      .toStream()
      .to('out', { keySerde: windowedKeys, valueSerde: numberSerde });
    const driver = new TopologyTestDriver(builder.build());
    const input = driver.createInputTopic('in', stringSerde, stringSerde);
    input.pipeInput('a', 'x', 1);
    input.pipeInput('tick', 'x', 10);
    const output = driver.createOutputTopic('out', windowedKeys, numberSerde).readRecordsToList();
    expect(output.map((r) => [r.key?.key, r.value, r.timestamp])).toEqual([['a', 1, 9]]);
  });
});

describe('session windows', () => {
  function sessions(emitFinal: boolean, graceMs = 5) {
    return windowedDriver((b) => {
      const windowed = b
        .stream('in', strings)
        .groupByKey()
        .windowedBy(SessionWindows.withInactivityGapAndGrace(10, graceMs));
      (emitFinal ? windowed.emitStrategy('onWindowClose') : windowed)
        .count({ storeName: 'sessions' })
        .toStream()
        .to('out', { keySerde: windowedKeys, valueSerde: numberSerde });
    });
  }

  it('merges records within the gap and retracts merged sessions', () => {
    const { driver, input, read } = sessions(false, 20);
    input.pipeInput('a', 'x', 0);
    input.pipeInput('a', 'x', 30);
    input.pipeInput('a', 'x', 15); // more than the gap (10) from both: a session of its own
    input.pipeInput('a', 'x', 24); // within 10 of 15 and of 30: merges [15,15] and [30,30]
    expect(read()).toEqual(['a@0-0=1', 'a@30-30=1', 'a@15-15=1', 'a@15-15=null', 'a@30-30=null', 'a@15-30=3']);
    const store = driver.getSessionStore<string, number>('sessions');
    expect(store.findSessions('a', 0, 100).map((s) => [s.key.window.startMs, s.key.window.endMs, s.value])).toEqual([
      [0, 0, 1],
      [15, 30, 3],
    ]);
  });

  it('drops records that would touch a closed session', () => {
    const { driver, input } = sessions(false);
    input.pipeInput('a', 'x', 0);
    input.pipeInput('b', 'x', 16); // session [0,0] closes: 16 > 0 + gap 10 + grace 5
    input.pipeInput('a', 'x', 12); // within grace: a new session, more than the gap after [0,0]
    input.pipeInput('a', 'x', 5); // older than stream time - grace: late (it would have extended [0,0])
    expect(driver.droppedRecords('late-record')).toBe(1);
    expect(driver.getSessionStore<string, number>('sessions').fetchSession('a', 12, 12)).toBe(1);
  });

  it('emit-final forwards each session once after end + gap + grace', () => {
    const { input, read } = sessions(true);
    input.pipeInput('a', 'x', 0);
    input.pipeInput('a', 'x', 8);
    input.pipeInput('b', 'x', 20);
    expect(read()).toEqual([]);
    input.pipeInput('b', 'x', 24); // close time 9 > end 8
    expect(read()).toEqual(['a@0-8=2']);
    input.pipeInput('c', 'x', 100);
    expect(read()).toEqual(['b@20-24=2']);
  });
});

describe('windowed reduce and session aggregate', () => {
  it('reduces per tumbling window and aggregates sessions with a merger', () => {
    const builder = new StreamsBuilder();
    const grouped = builder.stream('in', { keySerde: stringSerde, valueSerde: numberSerde }).groupByKey();
    grouped
      .windowedBy(TimeWindows.ofSizeWithNoGrace(10))
      .reduce((a, b) => Math.max(a, b), { storeName: 'max', retentionMs: 1000 }); // queryable past close
    grouped.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(5)).aggregate(
      () => 0,
      (_k, value, sum) => sum + value,
      (_k, left, right) => left + right,
      { storeName: 'session-sums', valueSerde: numberSerde },
    );
    const driver = new TopologyTestDriver(builder.build());
    const input = driver.createInputTopic('in', stringSerde, numberSerde);
    input.pipeInput('k', 3, 0);
    input.pipeInput('k', 7, 4);
    input.pipeInput('k', 1, 9); // joins the session [0,4]; gap 5
    input.pipeInput('k', 2, 12);
    expect(driver.getWindowStore<string, number>('max').fetch('k', 0, 20)).toEqual([
      { windowStartMs: 0, value: 7 },
      { windowStartMs: 10, value: 2 },
    ]);
    const sessions = driver.getSessionStore<string, number>('session-sums').findSessions('k', 0, 100);
    expect(sessions.map((s) => [s.key.window.startMs, s.key.window.endMs, s.value])).toEqual([[0, 12, 13]]);
  });
});
