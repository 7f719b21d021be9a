/**
 * How every benchmark ends: on success, Ctrl-C or a crash it stops what it
 * started; on success and Ctrl-C it also removes its topics and scratch
 * folder (a failure keeps the logs and says where they are).
 */
import fs from 'node:fs';
import { loadConfig } from '../../scripts/dev/config.ts';
import { stopAll } from '../../scripts/dev/procs.ts';
import { deleteTopicsWithPrefix } from './webApp.ts';

export interface BenchRun {
  readonly name: string;
  readonly topicPrefix: string;
  readonly tmpDir: string;
  readonly say: (message: string) => void;
}

export function runBenchmark(run: BenchRun, main: () => Promise<void>): void {
  let cleaning = false;
  const cleanup = async () => {
    if (cleaning) return;
    cleaning = true;
    await stopAll();
    const brokers = loadConfig().kafkaBrokers;
    await deleteTopicsWithPrefix(brokers, run.topicPrefix, `billstream-${run.name}`).catch((error: Error) =>
      run.say(`could not delete bench topics: ${error.message}`),
    );
    fs.rmSync(run.tmpDir, { recursive: true, force: true });
  };
  const fail = async (error: Error) => {
    run.say(`failed: ${error.stack ?? error.message}`);
    run.say(`logs: ${run.tmpDir}`);
    await stopAll();
    process.exit(1);
  };
  process.on('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  // A bug in a load generator must not leave the web app and processors running.
  process.on('unhandledRejection', (error: Error) => void fail(error));
  main().then(cleanup).catch(fail);
}
