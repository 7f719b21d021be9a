import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_API } from './config.ts';

export interface WrkResult {
  readonly label: string;
  readonly durationSeconds: number;
  readonly requests: number;
  /** Answers outside 2xx/3xx (wrk's "Non-2xx or 3xx responses"). */
  readonly non2xx: number;
  /** Socket errors and timeouts. */
  readonly errors: number;
  readonly acceptedPerSec: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

function commandExists(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Debian's wrk, installed with apt-get when missing (like .ci/run does for its packages). */
export function ensureWrk(say: (message: string) => void): void {
  if (commandExists('wrk')) return;
  const root = os.userInfo().uid === 0;
  const sudo = root ? [] : ['sudo', '-n'];
  if (!root && !commandExists('sudo')) throw new Error('wrk is missing: install it with apt-get install -y wrk');
  say('installing Debian wrk (apt-get install -y wrk)');
  const apt = (args: string[]) =>
    spawnSync(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  apt(['update', '-qq']);
  apt(['install', '-y', '-qq', 'wrk']);
  if (!commandExists('wrk')) throw new Error('could not install wrk; install it with apt-get install -y wrk');
}

export function wrkVersion(): string {
  const out = spawnSync('wrk', ['-v'], { encoding: 'utf8' });
  return `${out.stdout}${out.stderr}`.split('\n')[0]?.trim() ?? 'wrk';
}

const lua = (s: string) => JSON.stringify(s);

/**
 * The wrk script: POST the same JSON body with a unique Idempotency-Key per
 * request (thread tag + counter), and print the summary as one JSON line.
 */
export function writeWrkScript(file: string, body: string, headers: Record<string, string>): void {
  const headerLines = Object.entries(headers)
    .map(([name, value]) => `wrk.headers[${lua(name)}] = ${lua(value)}`)
    .join('\n');
  const script = `
wrk.method = "POST"
wrk.body = ${lua(body)}
${headerLines}
local threads = {}
local next_tag = 0
function setup(thread)
  next_tag = next_tag + 1
  thread:set("tag", "${BENCH_API.stamp}-" .. next_tag)
  table.insert(threads, thread)
end
local counter = 0
function request()
  counter = counter + 1
  wrk.headers["Idempotency-Key"] = tag .. "-" .. counter
  return wrk.format()
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"non2xx":%d,"errors":%d,"p50":%d,"p90":%d,"p99":%d,"max":%d}\\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
`;
  fs.writeFileSync(file, script);
}

/** Runs wrk against `url` for `seconds`; resolves with its summary. */
export function runWrk(label: string, url: string, script: string, seconds: number): Promise<WrkResult> {
  const args = [
    `-t${BENCH_API.threads}`,
    `-c${BENCH_API.connections}`,
    `-d${seconds}s`,
    `--timeout`,
    `${BENCH_API.requestTimeoutSeconds}s`,
    '-s',
    script,
    url,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = /WRK_JSON (\{.*\})/.exec(out)?.[1];
      if (code !== 0 || !line) return reject(new Error(`wrk exited ${code}:\n${out}`));
      const raw = JSON.parse(line) as Record<string, number>;
      const durationSeconds = raw.duration_us! / 1e6;
      resolve({
        label,
        durationSeconds,
        requests: raw.requests!,
        non2xx: raw.non2xx!,
        errors: raw.errors!,
        acceptedPerSec: (raw.requests! - raw.non2xx!) / durationSeconds,
        p50Ms: raw.p50! / 1000,
        p90Ms: raw.p90! / 1000,
        p99Ms: raw.p99! / 1000,
        maxMs: raw.max! / 1000,
      });
    });
  });
}

export function cpuModel(): string {
  try {
    return execFileSync('sh', ['-c', "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], { encoding: 'utf8' }).trim();
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

export const scriptPath = (name: string) => path.join(BENCH_API.tmpDir, name);
