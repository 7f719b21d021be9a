import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { lineWriter, say, warn } from './log.ts';
import { DEFAULT_RESTART_POLICY, type RestartPolicy, restartDecision } from './supervisor.ts';

export interface ManagedProcess {
  readonly name: string;
  /** The current process; a supervised one gets a new child at every restart. */
  child: ChildProcess;
  /** Restarts so far by the supervisor (0 for an unsupervised process). */
  restarts: number;
  /** How long to wait after SIGTERM before SIGKILL. */
  readonly stopTimeoutMs: number;
  /** Peers (the processor apps) that depend on each other only through Kafka stop together. */
  readonly stopWithPeers: boolean;
}

export interface SpawnOptions {
  readonly cwd: string;
  readonly env: Record<string, string>;
  /** Write output to this file instead of the terminal. */
  readonly logFile?: string;
  readonly stopTimeoutMs?: number;
  readonly stopWithPeers?: boolean;
  /** Restart it when it exits on its own (never during a deliberate stop), with this policy's backoff and budget. */
  readonly supervise?: boolean | RestartPolicy;
}

/** What the supervisor reports after each restart and when it gives up (see `onRestart`). */
export interface RestartRecord {
  readonly name: string;
  readonly restarts: number;
  readonly lastRestartAt: string | null;
  /** It exited once more than the crash-loop budget allows and stays down. */
  readonly gaveUp: boolean;
}

const STOP_TIMEOUT_DEFAULT_MS = 15_000;

/** The processes this run started, in start order; only these are stopped. */
const started: ManagedProcess[] = [];
let stopping = false;
/** Deliberately stopped processes; their exit is expected. */
const stopped = new WeakSet<ManagedProcess>();
/** Pending restarts, cancelled by a deliberate stop. */
const restartTimers = new Map<ManagedProcess, NodeJS.Timeout>();
const restartListeners: ((record: RestartRecord) => void)[] = [];

/** Called after every restart and give-up, e.g. to record it where the monitoring page reads it. */
export function onRestart(listener: (record: RestartRecord) => void): void {
  restartListeners.push(listener);
}

export function isStopping(): boolean {
  return stopping;
}

function spawnChild(name: string, command: string, args: string[], options: SpawnOptions): ChildProcess {
  const output = options.logFile ? fs.openSync(options.logFile, 'a') : 'pipe';
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    // A new process group: Ctrl-C in the terminal must reach only the
    // orchestrator, which then stops children in order (web before Kafka).
    detached: true,
    stdio: ['ignore', output, output],
  });
  if (typeof output === 'number') fs.closeSync(output);
  child.stdout?.on('data', lineWriter(name, process.stdout));
  child.stderr?.on('data', lineWriter(name, process.stderr));
  return child;
}

export function startProcess(name: string, command: string, args: string[], options: SpawnOptions): ManagedProcess {
  const managed: ManagedProcess = {
    name,
    child: spawnChild(name, command, args, options),
    restarts: 0,
    stopTimeoutMs: options.stopTimeoutMs ?? STOP_TIMEOUT_DEFAULT_MS,
    stopWithPeers: options.stopWithPeers ?? false,
  };
  started.push(managed);
  const policy = options.supervise === true ? DEFAULT_RESTART_POLICY : options.supervise || undefined;
  let restartTimesMs: readonly number[] = [];
  let lastRestartAt: string | null = null;
  const report = (gaveUp: boolean) => {
    for (const listener of restartListeners) listener({ name, restarts: managed.restarts, lastRestartAt, gaveUp });
  };
  const watch = (child: ChildProcess) =>
    child.once('exit', (code, signal) => {
      if (stopping || stopped.has(managed)) return;
      warn(`${name} exited unexpectedly (code ${code}, signal ${signal})`);
      if (!policy) return;
      const decision = restartDecision(restartTimesMs, Date.now(), policy);
      restartTimesMs = decision.recentMs;
      if (decision.action === 'give-up') {
        warn(
          `${name} GIVEN UP: it exited ${decision.restartsInWindow + 1} times within ${policy.windowMs / 1000} s ` +
            '(a crash loop); it stays down. Read its log above, fix the cause and start again.',
        );
        report(true);
        return;
      }
      say(
        `restarting ${name} in ${decision.delayMs} ms (restart ${decision.attempt} within ${policy.windowMs / 1000} s)`,
      );
      const timer = setTimeout(() => {
        restartTimers.delete(managed);
        if (stopping || stopped.has(managed)) return;
        restartTimesMs = [...restartTimesMs, Date.now()];
        lastRestartAt = new Date().toISOString();
        managed.child = spawnChild(name, command, args, options);
        managed.restarts += 1;
        watch(managed.child);
        report(false);
      }, decision.delayMs);
      restartTimers.set(managed, timer);
    });
  watch(managed.child);
  return managed;
}

/** Whether the supervisor will restart this process once its backoff has passed. */
export function restartPending(managed: ManagedProcess): boolean {
  return restartTimers.has(managed);
}

function waitExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function stopProcess(managed: ManagedProcess): Promise<void> {
  stopped.add(managed);
  clearTimeout(restartTimers.get(managed));
  restartTimers.delete(managed);
  const { child } = managed;
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  if (await waitExit(child, managed.stopTimeoutMs)) return;
  warn(`${managed.name} did not stop within ${managed.stopTimeoutMs} ms; killing it`);
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
  await waitExit(child, 5_000);
}

/** Stops everything this run started, newest first (apps before the services they use). */
export async function stopAll(): Promise<void> {
  stopping = true;
  for (const timer of restartTimers.values()) clearTimeout(timer);
  restartTimers.clear();
  let peers: ManagedProcess[] = [];
  const stopPeers = async () => {
    if (peers.length > 0) say(`stopping ${peers.map((managed) => managed.name).join(', ')}`);
    await Promise.all(peers.map((managed) => stopProcess(managed)));
    peers = [];
  };
  for (const managed of [...started].reverse()) {
    if (managed.stopWithPeers) {
      peers.push(managed);
      continue;
    }
    await stopPeers();
    say(`stopping ${managed.name}`);
    await stopProcess(managed);
  }
  await stopPeers();
  started.length = 0;
}

export function commandPath(command: string): string | null {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delayMs = 100;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    delayMs = Math.min(delayMs * 2, 1_000);
  }
  throw new Error(`${what} did not become ready within ${timeoutMs / 1000} s`);
}

export function runChecked(command: string, args: string[], options: { cwd: string; env?: Record<string, string> }) {
  const result = spawnSync(command, args, { cwd: options.cwd, env: options.env, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}
