// The monitoring page's restart figures, end to end: a process supervised the
// way `npm start` supervises the processors (scripts/dev/procs.ts) is killed
// with -9, comes back, the restart is recorded in this run's Redis, and
// GET /api/v1/monitoring/processors shows it on the app it is named after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../scripts/dev/config';
import { type ManagedProcess, startProcess, stopProcess, waitFor } from '../../scripts/dev/procs';
import { recordRestartsInRedis } from '../../scripts/dev/redis';
import { SEED_ADMIN, Session } from './support/session';

/** Named after a processor app so the page lists it; the real ledger of this run keeps running beside it. */
const APP = 'ledger';
const FAST_POLICY = { backoffMinMs: 20, backoffMaxMs: 80, restartsPerWindowMax: 3, windowMs: 60_000 };
const SHOWN_TIMEOUT_MS = 15_000;

interface Status {
  app: string;
  supervisor: { restarts: number; lastRestartAt: string | null; gaveUp: boolean } | null;
}

let session: Session;
let managed: ManagedProcess | undefined;

beforeAll(async () => {
  session = await Session.login(SEED_ADMIN.email, SEED_ADMIN.password);
});

afterAll(async () => {
  if (managed) await stopProcess(managed);
});

async function supervisorOf(app: string): Promise<Status['supervisor']> {
  const response = await session.get<{ data: Status[] }>('/api/v1/monitoring/processors');
  expect(response.status).toBe(200);
  return response.body.data.find((status) => status.app === app)?.supervisor ?? null;
}

describe('monitoring shows the restarts of supervised apps', () => {
  it('counts a restart after kill -9, with its time', async () => {
    // The same environment (REDIS_URL, KAFKA_TOPIC_PREFIX) npm test gave the web app.
    await recordRestartsInRedis(loadConfig());
    expect(await supervisorOf(APP)).toBeNull();
    managed = startProcess(APP, process.execPath, ['-e', 'setInterval(() => {}, 1_000)'], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH ?? '' },
      supervise: FAST_POLICY,
    });
    const before = Date.now();
    process.kill(managed.child.pid!, 'SIGKILL');
    await waitFor(
      'the restart on the monitoring answer',
      async () => (await supervisorOf(APP))?.restarts === 1,
      SHOWN_TIMEOUT_MS,
    );
    const shown = await supervisorOf(APP);
    expect(shown).toMatchObject({ restarts: 1, gaveUp: false });
    expect(Date.parse(shown!.lastRestartAt!)).toBeGreaterThanOrEqual(before);
  });
});
