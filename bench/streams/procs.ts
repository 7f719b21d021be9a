import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { BENCH, ROOT } from './config.ts';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` every `everyMs` until it returns a value; throws after `limitMs`. */
export async function waitFor<T>(
  what: string,
  limitMs: number,
  probe: () => Promise<T | null>,
  everyMs: number = BENCH.limits.pollMs,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`gave up after ${limitMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** User + system CPU seconds of a process so far (Linux /proc). */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Resident set size now and its peak, MiB. */
export function memory(pid: number): { rssMiB: number; peakMiB: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMiB: kb('VmRSS') / 1024, peakMiB: kb('VmHWM') / 1024 };
}

/** A system under test: one child process with its stdout/stderr in a log file. */
export class Proc {
  readonly child: ChildProcess;
  readonly logFile: string;
  readonly spawnedAt = performance.now();
  private readonly lines: string[] = [];
  private readonly lineWaiters: { pattern: RegExp; resolve: (at: number) => void }[] = [];
  readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    env: Record<string, string>,
  ) {
    fs.mkdirSync(BENCH.tmpDir, { recursive: true });
    this.logFile = path.join(BENCH.tmpDir, `${name}.log`);
    const log = fs.createWriteStream(this.logFile);
    this.child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let partial = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      log.write(chunk);
      const text = partial + chunk.toString('utf8');
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) this.onLine(line);
    });
    this.child.stderr!.on('data', (chunk: Buffer) => log.write(chunk));
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code) => {
        log.end();
        resolve(code);
      }),
    );
    live.add(this);
    void this.exited.then(() => live.delete(this));
  }

  get pid(): number {
    return this.child.pid!;
  }

  private onLine(line: string): void {
    if (this.lines.length < 10_000) this.lines.push(line);
    for (const waiter of [...this.lineWaiters]) {
      if (!waiter.pattern.test(line)) continue;
      this.lineWaiters.splice(this.lineWaiters.indexOf(waiter), 1);
      waiter.resolve(performance.now());
    }
  }

  /** performance.now() of the first stdout line matching `pattern`. */
  waitForLine(pattern: RegExp, limitMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.name}: no line ${pattern} within ${limitMs} ms (log ${this.logFile})`)),
        limitMs,
      );
      void this.exited.then((code) =>
        reject(new Error(`${this.name} exited (${code}) before ${pattern} (log ${this.logFile})`)),
      );
      this.lineWaiters.push({
        pattern,
        resolve: (at) => {
          clearTimeout(timer);
          resolve(at);
        },
      });
    });
  }

  tail(lines = 20): string {
    try {
      return fs.readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  /** SIGTERM (graceful: the processors commit and leave), SIGKILL after the stop limit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), BENCH.limits.stopMs);
    await this.exited;
    clearTimeout(timer);
  }
}

const live = new Set<Proc>();

/** Kills whatever this run started and is still running (used on errors and Ctrl-C). */
export function killAll(): void {
  for (const proc of live) proc.child.kill('SIGKILL');
}

export interface EngineOptions {
  readonly prefix: string;
  readonly databaseUrl: string;
  readonly port: number;
  readonly nodeArgs?: string[];
  readonly logLevel?: string;
}

/** The sums app, started exactly as streams/test/sumsHarness.ts spawnApp does (plus optional node flags). */
export function startEngine(name: string, options: EngineOptions): Proc {
  return new Proc(
    name,
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      '--disable-warning=TimeoutNegativeWarning',
      '--import',
      'tsx',
      path.join(ROOT, 'streams', 'src', 'cli.ts'),
      'run',
      'sums',
    ],
    {
      KAFKA_TOPIC_PREFIX: options.prefix,
      KAFKA_BROKERS: BENCH.brokers.join(','),
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: BENCH.redisUrl,
      STREAMS_HTTP_PORT: String(options.port),
      STREAMS_GUARANTEE: 'exactly_once',
      STREAMS_COMMIT_INTERVAL_MS: String(BENCH.commitIntervalMs),
      LOG_LEVEL: options.logLevel ?? 'warn',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      // The app stops by itself if the bench dies.
      BILLSTREAM_PARENT_PID: String(process.pid),
    },
  );
}

export async function engineReady(proc: Proc, port: number): Promise<number> {
  return waitFor(
    `${proc.name} /readyz`,
    BENCH.limits.readyMs,
    async () => {
      if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited: ${proc.tail()}`);
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      return response.status === 200 ? performance.now() : null;
    },
    20,
  );
}

export async function engineMetrics(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  return response.text();
}

/** Sum of a metric over all its label sets, and how many label sets it has. */
export function metricSum(text: string, name: string): { sum: number; series: number } {
  let sum = 0;
  let series = 0;
  for (const match of text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.eE+-]+)$`, 'gm'))) {
    sum += Number(match[1]);
    series += 1;
  }
  return { sum, series };
}

export function startKafkaStreams(name: string, env: Record<string, string>): Proc {
  const target = path.join(BENCH.javaDir, 'target');
  return new Proc(
    name,
    'java',
    [
      '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn',
      '-cp',
      `${path.join(target, 'sums-kstreams.jar')}${path.delimiter}${path.join(target, 'lib', '*')}`,
      'billstream.bench.SumsStreams',
    ],
    { KAFKA_BROKERS: BENCH.brokers.join(','), COMMIT_INTERVAL_MS: String(BENCH.commitIntervalMs), ...env },
  );
}

export function startPassthrough(name: string, env: Record<string, string>): Proc {
  return new Proc(
    name,
    process.execPath,
    [
      '--disable-warning=TimeoutNegativeWarning',
      '--import',
      'tsx',
      path.join(ROOT, 'bench', 'streams', 'passthrough.ts'),
    ],
    {
      KAFKA_BROKERS: BENCH.brokers.join(','),
      COMMIT_INTERVAL_MS: String(BENCH.commitIntervalMs),
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      ...env,
    },
  );
}

/** Builds bench/java into target/ (clean, so no stale jar lands on the class path). */
export function buildJava(): void {
  execFileSync('mvn', ['-q', '-B', 'clean', 'package'], {
    cwd: BENCH.javaDir,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: BENCH.limits.mavenMs,
  });
}
