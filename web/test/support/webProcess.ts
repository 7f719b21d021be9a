import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BASE_URL } from './api';

/**
 * The pid of the web server under test: the process listening on BASE_URL's
 * port, as `ss -ltnp` reports it (the test runs as the same user, so the
 * owner is visible). Only meaningful when the app runs on this host.
 */
export function webPid(): number {
  const port = new URL(BASE_URL).port;
  const listing = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const pid = /pid=(\d+)/.exec(listing)?.[1];
  if (!pid) throw new Error(`no process with a visible pid listens on port ${port}: ${listing}`);
  return Number(pid);
}

/** Resident memory of a process, in bytes (VmRSS of /proc/<pid>/status). */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
  if (!kib) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(kib) * 1024;
}
