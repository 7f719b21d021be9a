import fs from 'node:fs';
import path from 'node:path';

export interface RunInfo {
  readonly pid: number;
  readonly command: string;
  readonly startedAt: string;
  readonly urls: Record<string, string>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Returns the other live run holding this lock, or null after taking it. */
export function acquireLock(dataDir: string, name: string, info: Omit<RunInfo, 'pid'>): RunInfo | null {
  const dir = path.join(dataDir, 'run');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  if (fs.existsSync(file)) {
    const other = JSON.parse(fs.readFileSync(file, 'utf8')) as RunInfo;
    if (other.pid !== process.pid && alive(other.pid)) return other;
  }
  const mine: RunInfo = { ...info, pid: process.pid };
  // wx: of two racing starts only one creates the file.
  fs.rmSync(file, { force: true });
  try {
    fs.writeFileSync(file, JSON.stringify(mine, null, 2), { flag: 'wx' });
  } catch {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as RunInfo;
  }
  process.on('exit', () => {
    const current = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as RunInfo) : null;
    if (current?.pid === process.pid) fs.rmSync(file, { force: true });
  });
  return null;
}

export function updateLock(dataDir: string, name: string, urls: Record<string, string>): void {
  const file = path.join(dataDir, 'run', `${name}.json`);
  const current = JSON.parse(fs.readFileSync(file, 'utf8')) as RunInfo;
  fs.writeFileSync(file, JSON.stringify({ ...current, urls }, null, 2));
}
