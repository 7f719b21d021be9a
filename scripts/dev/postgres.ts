import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withDatabase } from '@billstream/db';
import pg from 'pg';
import type { Config } from './config.ts';
import { say } from './log.ts';
import { isLocalHost } from './net.ts';
import { commandPath, runChecked, startProcess, waitFor } from './procs.ts';

const POSTGRES_READY_TIMEOUT_MS = 30_000;

export async function postgresAnswers(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({
    connectionString: withDatabase(databaseUrl, 'postgres'),
    connectionTimeoutMillis: 2_000,
  });
  try {
    await client.connect();
    const result = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    const version = Number(result.rows[0]?.server_version_num ?? 0);
    if (version < 150000) throw new Error(`PostgreSQL ${version} is too old: Billstream needs 15 or newer`);
    return true;
  } catch (error) {
    if (error instanceof Error && error.message.includes('too old')) throw error;
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function findPostgresBin(name: string): string {
  const onPath = commandPath(name);
  if (onPath) return onPath;
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const candidate = path.join(base, version, 'bin', name);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`${name} not found: install PostgreSQL 15+ (apt-get install -y postgresql)`);
}

/** PostgreSQL refuses to run as root; run it as the `postgres` user then. */
function asServiceUser(command: string, args: string[]): [string, string[]] {
  if (os.userInfo().uid !== 0) return [command, args];
  return ['runuser', ['-u', 'postgres', '--', command, ...args]];
}

export async function ensurePostgres(config: Config): Promise<'reused' | 'started'> {
  if (await postgresAnswers(config.databaseUrl)) return 'reused';
  const url = new URL(config.databaseUrl);
  if (!isLocalHost(url.hostname)) throw new Error(`PostgreSQL at ${url.host} does not answer`);
  const port = url.port || '5432';
  const dataDir = path.join(config.dataDir, 'postgres');
  const initdb = findPostgresBin('initdb');
  const postgres = findPostgresBin('postgres');
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    say(`initialising a private PostgreSQL cluster in ${dataDir}`);
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (os.userInfo().uid === 0) runChecked('chown', ['-R', 'postgres:postgres', dataDir], { cwd: dataDir });
    const [cmd, args] = asServiceUser(initdb, ['-D', dataDir, '-U', url.username || 'postgres', '--auth=trust']);
    runChecked(cmd, args, { cwd: '/' });
  }
  say(`starting PostgreSQL on 127.0.0.1:${port} (data: ${dataDir})`);
  const [cmd, args] = asServiceUser(postgres, ['-D', dataDir, '-p', port, '-h', '127.0.0.1', '-k', dataDir]);
  startProcess('postgres', cmd, args, {
    cwd: '/',
    env: { ...process.env } as Record<string, string>,
    logFile: path.join(config.dataDir, 'postgres.log'),
  });
  await waitFor('PostgreSQL', () => postgresAnswers(config.databaseUrl), POSTGRES_READY_TIMEOUT_MS);
  return 'started';
}
