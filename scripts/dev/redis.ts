import fs from 'node:fs';
import path from 'node:path';
import { SupervisedRestarts, supervisorRestartsKey } from '@billstream/contracts';
import { Redis } from 'ioredis';
import type { Config } from './config.ts';
import { say, warn } from './log.ts';
import { hostPort, isLocalHost } from './net.ts';
import { commandPath, onRestart, type RestartRecord, startProcess, waitFor } from './procs.ts';

const REDIS_READY_TIMEOUT_MS = 15_000;
const REDIS_VERSION_MIN = 7;

export async function redisAnswers(redisUrl: string): Promise<boolean> {
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1_000,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    const info = await client.info('server');
    const major = Number(/redis_version:(\d+)/.exec(info)?.[1] ?? 0);
    if (major < REDIS_VERSION_MIN) throw new Error(`Redis ${major} is too old: Billstream needs ${REDIS_VERSION_MIN}+`);
    return true;
  } catch (error) {
    if (error instanceof Error && error.message.includes('too old')) throw error;
    return false;
  } finally {
    client.disconnect();
  }
}

export async function ensureRedis(config: Config): Promise<'reused' | 'started'> {
  if (await redisAnswers(config.redisUrl)) return 'reused';
  const { host, port } = hostPort(config.redisUrl, 6379);
  if (!isLocalHost(host)) throw new Error(`Redis at ${host}:${port} does not answer`);
  const server = commandPath('redis-server');
  if (!server) throw new Error('redis-server not found: install Redis 7+ (apt-get install -y redis-server)');
  const dataDir = path.join(config.dataDir, 'redis');
  fs.mkdirSync(dataDir, { recursive: true });
  say(`starting redis-server on 127.0.0.1:${port} (data: ${path.relative(process.cwd(), dataDir)})`);
  startProcess(
    'redis',
    server,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dataDir, '--appendonly', 'yes', '--save', ''],
    {
      cwd: dataDir,
      env: { ...process.env } as Record<string, string>,
      logFile: path.join(config.dataDir, 'redis.log'),
    },
  );
  await waitFor('Redis', () => redisAnswers(config.redisUrl), REDIS_READY_TIMEOUT_MS);
  return 'started';
}

/**
 * Empties the Redis database a test run uses. Processors key their views by
 * id under `bs:`, and the seeded organization's id is fixed, so an earlier
 * run's live figures would otherwise add up with this run's.
 */
export async function emptyRedisDatabase(redisUrl: string): Promise<void> {
  const database = Number(new URL(redisUrl).pathname.slice(1) || 0);
  // npm start's database (0 by default) is never a test database.
  if (database === 0) throw new Error(`refusing to empty Redis database 0 (${redisUrl}): tests use their own`);
  await withRedis(redisUrl, (client) => client.flushdb());
}

async function withRedis(redisUrl: string, use: (client: Redis) => Promise<unknown>): Promise<void> {
  const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  client.on('error', () => {});
  try {
    await client.connect();
    await use(client);
  } finally {
    client.disconnect();
  }
}

/**
 * From now on every restart of a supervised process is written to Redis
 * (`supervisorRestartsKey`, one field per app), where the monitoring page
 * reads it. Counts start at zero with each run.
 */
export async function recordRestartsInRedis(config: Config): Promise<void> {
  const key = supervisorRestartsKey(config.kafkaTopicPrefix);
  await withRedis(config.redisUrl, (client) => client.del(key));
  onRestart((record: RestartRecord) => {
    const { name, ...restarts } = record;
    const value = SupervisedRestarts.parse(restarts);
    withRedis(config.redisUrl, (client) => client.hset(key, name, JSON.stringify(value))).catch((error: Error) =>
      warn(`the restart of ${name} was not recorded in Redis: ${error.message}`),
    );
  });
}
