// One engine process against the bench topics: how long it takes to drain,
// to restore its changelog, and where its CPU goes.
import fs from 'node:fs';
import path from 'node:path';
import { PROOF_TOPICS, topicName } from '@billstream/contracts';
import { changelogTopicName } from '../../streams/src/engine/index.ts';
import { benchDbUrl, clearRedis } from './benchStores.ts';
import { BENCH, ROOT } from './config.ts';
import { committedTotal, createTopics, keyName, partitionOf, produceEvents, withAdmin } from './kafka.ts';
import {
  cpuSeconds,
  engineMetrics,
  engineReady,
  freePort,
  memory,
  metricSum,
  type Proc,
  sleep,
  startEngine,
  waitFor,
} from './procs.ts';
import { summarizeProfile } from './profile.ts';
import type { RestoreResult } from './report.ts';

const P = BENCH.prefix;
export const SEED = 20_251_126;
export const say = (message: string) => process.stdout.write(`[bench] ${message}\n`);

export interface Topics {
  readonly prefix: string;
  readonly input: string;
  readonly output: string;
}
export const topicsOf = (name: string): Topics => ({
  prefix: `${P}${name}.`,
  input: topicName(PROOF_TOPICS.sumsInput, `${P}${name}.`),
  output: topicName(PROOF_TOPICS.sumsOutput, `${P}${name}.`),
});
const RESTORE = topicsOf('restore');
const PROFILE = topicsOf('profile');
/** Ready -> every input record committed by the group, polling the group's committed offsets. */
export async function drain(proc: Proc, groupId: string, topic: string, events: number, readyAt: number) {
  const cpuStart = cpuSeconds(proc.pid);
  const doneAt = await withAdmin((admin) =>
    waitFor(`${proc.name} to process ${events} events`, BENCH.limits.drainMs, async () => {
      if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited: ${proc.tail()}`);
      return (await committedTotal(admin, groupId, topic)) >= events ? performance.now() : null;
    }),
  );
  const cpuSec = cpuSeconds(proc.pid) - cpuStart;
  const mem = memory(proc.pid);
  const drainMs = doneAt - readyAt;
  return { drainMs, cpuSec, ...mem, eventsPerSec: (events * 1000) / drainMs, doneAt };
}

export async function startEngineReady(name: string, prefix: string, nodeArgs: string[] = [], logLevel = 'warn') {
  const port = await freePort();
  const proc = startEngine(name, { prefix, databaseUrl: benchDbUrl, port, nodeArgs, logLevel });
  const readyAt = await engineReady(proc, port);
  return { proc, readyAt, port };
}

export async function restoreBench(): Promise<RestoreResult> {
  const keys = BENCH.restoreKeys;
  await createTopics([RESTORE.input, RESTORE.output]);
  await produceEvents(RESTORE.input, keys, SEED + 2, (index) => index);
  await clearRedis();
  const appId = `${RESTORE.prefix}sums`;
  say(`restore: loading ${keys} keys`);
  const first = await startEngineReady('engine-restore-load', RESTORE.prefix);
  try {
    await drain(first.proc, appId, RESTORE.input, keys, first.readyAt);
  } finally {
    await first.proc.stop();
  }
  const changelog = changelogTopicName(appId, 'totals');
  say(`restore: ${changelog} written; one event per partition, then restart`);
  const triggers: number[] = [];
  for (let partition = 0; partition < BENCH.partitions; partition += 1) {
    let index = 0;
    while (index < keys && partitionOf(keyName(index)) !== partition) index += 1;
    if (index === keys) throw new Error(`no key of the first ${keys} lands on partition ${partition}`);
    triggers.push(index);
  }
  await produceEvents(RESTORE.input, triggers.length, SEED + 3, (index) => triggers[index]!);
  const port = await freePort();
  const proc = startEngine('engine-restore', {
    prefix: RESTORE.prefix,
    databaseUrl: benchDbUrl,
    port,
    logLevel: 'info',
  });
  try {
    let readyAt = Number.NaN;
    const done = await waitFor(
      'the changelog restore',
      BENCH.limits.restoreMs,
      async () => {
        if (proc.child.exitCode !== null) throw new Error(`restore run exited: ${proc.tail()}`);
        if (Number.isNaN(readyAt)) {
          const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((response) => response.status === 200);
          if (ready) readyAt = performance.now();
        }
        const restored = metricSum(await engineMetrics(port), 'streams_restored_records');
        return !Number.isNaN(readyAt) && restored.series >= BENCH.partitions && restored.sum >= keys
          ? { at: performance.now(), ...restored }
          : null;
      },
      20,
    );
    const right = memory(proc.pid);
    await sleep(3_000);
    const settled = memory(proc.pid);
    const logLines = fs
      .readFileSync(proc.logFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('task restored from changelog')).length;
    return {
      keys,
      restoredRecords: done.sum,
      tasks: done.series,
      restoreMs: done.at - proc.spawnedAt,
      readyMs: readyAt - proc.spawnedAt,
      restoreLogLines: logLines,
      rssMiB: right.rssMiB,
      rssSettledMiB: settled.rssMiB,
      peakRssMiB: settled.peakMiB,
    };
  } finally {
    await proc.stop();
  }
}

export async function profileRun() {
  const dir = path.join(BENCH.resultsDir, 'profiles');
  fs.mkdirSync(dir, { recursive: true });
  const name = `engine-${BENCH.stamp}.cpuprofile`;
  await createTopics([PROFILE.input, PROFILE.output]);
  await produceEvents(PROFILE.input, BENCH.profileEvents, SEED);
  await clearRedis();
  say(`profile: ${BENCH.profileEvents} events with --cpu-prof`);
  const { proc, readyAt } = await startEngineReady('engine-profile', PROFILE.prefix, [
    '--cpu-prof',
    `--cpu-prof-dir=${dir}`,
    `--cpu-prof-name=${name}`,
  ]);
  let eventsPerSec = Number.NaN;
  try {
    eventsPerSec = (await drain(proc, `${PROFILE.prefix}sums`, PROFILE.input, BENCH.profileEvents, readyAt))
      .eventsPerSec;
  } finally {
    await proc.stop();
  }
  const file = path.join(dir, name);
  await waitFor('the CPU profile file', 30_000, async () => (fs.existsSync(file) ? true : null), 200);
  return { ...summarizeProfile(file), file: path.relative(ROOT, file), events: BENCH.profileEvents, eventsPerSec };
}
