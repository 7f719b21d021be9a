import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const RECONCILE_TIMEOUT_MS = 120_000;

/** One run of `streams reconcile` with the test's environment: its exit code and output. */
export function reconcile(): { code: number | null; out: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'streams/src/cli.ts', 'reconcile'], {
    cwd: ROOT,
    env: process.env,
    encoding: 'utf8',
    timeout: RECONCILE_TIMEOUT_MS,
  });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

/**
 * `streams reconcile` until it passes or `attemptsMax` runs, a second apart:
 * the ledger may still be applying commands, so a lag passes on a later run
 * while a true mismatch persists.
 */
export async function reconcileWhenSettled(attemptsMax: number): Promise<{ code: number | null; out: string }> {
  let result = reconcile();
  for (let attempt = 1; attempt < attemptsMax && result.code !== 0; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    result = reconcile();
  }
  return result;
}
