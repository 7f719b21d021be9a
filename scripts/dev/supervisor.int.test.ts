import { afterAll, describe, expect, it } from 'vitest';
import { onRestart, type RestartRecord, restartPending, startProcess, stopAll, stopProcess, waitFor } from './procs.ts';

/** A tiny long-lived child: the supervisor does not care what it runs. */
const STAY_UP = ['-e', 'setInterval(() => {}, 1_000)'];
/** A child that dies at once, every time: a crash loop. */
const CRASH = ['-e', 'process.exit(3)'];
const FAST_POLICY = { backoffMinMs: 20, backoffMaxMs: 80, restartsPerWindowMax: 2, windowMs: 60_000 };
const COME_BACK_TIMEOUT_MS = 15_000;

const records: RestartRecord[] = [];
onRestart((record) => records.push(record));

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

afterAll(async () => {
  await stopAll();
});

describe('npm start supervision (scripts/dev/procs.ts)', () => {
  it('brings a process killed with -9 back, and reports the restart', async () => {
    const managed = startProcess('stay-up', process.execPath, STAY_UP, {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH ?? '' },
      supervise: FAST_POLICY,
    });
    const firstPid = managed.child.pid;
    expect(alive(firstPid)).toBe(true);
    process.kill(firstPid!, 'SIGKILL');
    await waitFor(
      'the restarted child',
      async () => managed.restarts === 1 && alive(managed.child.pid),
      COME_BACK_TIMEOUT_MS,
    );
    expect(managed.child.pid).not.toBe(firstPid);
    expect(alive(firstPid)).toBe(false);
    expect(records).toContainEqual(expect.objectContaining({ name: 'stay-up', restarts: 1, gaveUp: false }));

    // A deliberate stop is not a crash: nothing restarts it.
    const secondChild = managed.child;
    await stopProcess(managed);
    expect(alive(secondChild.pid)).toBe(false);
    expect(restartPending(managed)).toBe(false);
    expect(managed.child).toBe(secondChild);
    expect(managed.restarts).toBe(1);
  });

  it('gives up on a crash loop once the budget is spent', async () => {
    const managed = startProcess('crash-loop', process.execPath, CRASH, {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH ?? '' },
      supervise: FAST_POLICY,
    });
    await waitFor(
      'the give-up',
      async () => records.some((r) => r.name === 'crash-loop' && r.gaveUp),
      COME_BACK_TIMEOUT_MS,
    );
    expect(managed.restarts).toBe(FAST_POLICY.restartsPerWindowMax);
    expect(restartPending(managed)).toBe(false);
    expect(managed.child.exitCode).toBe(3);
    expect(records.filter((r) => r.name === 'crash-loop').map((r) => [r.restarts, r.gaveUp])).toEqual([
      [1, false],
      [2, false],
      [2, true],
    ]);
  });
});
