import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { lineWriter, say, warn } from './log.ts';

export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
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
}

const STOP_TIMEOUT_DEFAULT_MS = 15_000;

/** The processes this run started, in start order; only these are stopped. */
const started: ManagedProcess[] = [];
let stopping = false;

export function isStopping(): boolean {
  return stopping;
}

export function startProcess(name: string, command: string, args: string[], options: SpawnOptions): ManagedProcess {
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
  const managed = {
    name,
    child,
    stopTimeoutMs: options.stopTimeoutMs ?? STOP_TIMEOUT_DEFAULT_MS,
    stopWithPeers: options.stopWithPeers ?? false,
  };
  started.push(managed);
  child.on('exit', (code, signal) => {
    if (!stopping) warn(`${name} exited unexpectedly (code ${code}, signal ${signal})`);
  });
  return managed;
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
