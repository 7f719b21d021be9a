/**
 * The app setup a benchmark of the web app runs on: its own database, Redis
 * db, topic prefix and free ports; services reused or started; a fresh seed;
 * the built web app with rate budgets raised so the limiter runs but never
 * refuses.
 */
import os from 'node:os';
import path from 'node:path';
import { type Config, childEnv, loadConfig } from '../../scripts/dev/config.ts';
import { ensureServices, prepareData, type SeedSummary } from '../../scripts/dev/setup.ts';
import { buildWeb } from '../../scripts/dev/web.ts';
import { freePort } from '../streams/procs.ts';

export interface BenchSetupOptions {
  readonly database: string;
  readonly redisDb: number;
  readonly topicPrefix: string;
  readonly rateLimitPerMinute: number;
}

async function benchConfig(options: BenchSetupOptions): Promise<Config> {
  const base = loadConfig();
  const databaseUrl = new URL(base.databaseUrl);
  databaseUrl.pathname = `/${options.database}`;
  const redisUrl = new URL(base.redisUrl);
  redisUrl.pathname = `/${options.redisDb}`;
  const webPort = await freePort();
  const port = async () => String(await freePort());
  return loadConfig({
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL: redisUrl.toString(),
    KAFKA_TOPIC_PREFIX: options.topicPrefix,
    WEB_PORT: String(webPort),
    PUBLIC_URL: `http://127.0.0.1:${webPort}`,
    LOG_LEVEL: 'warn',
    LEDGER_PORT: await port(),
    BILLING_PORT: await port(),
    PAYMENTS_PORT: await port(),
    ANALYTICS_PORT: await port(),
    ACTIVITY_PORT: await port(),
    SUBSCRIPTIONS_PORT: await port(),
    USAGE_PORT: await port(),
    // chDB lets one process open a data path: never `npm start`'s.
    CLICKHOUSE_PATH: path.join(os.tmpdir(), `billstream-bench-clickhouse-${Date.now()}`),
    WEBHOOKS_PORT: await port(),
  });
}

export async function prepareBench(
  options: BenchSetupOptions,
): Promise<{ config: Config; seeded: SeedSummary; env: Record<string, string> }> {
  if (options.topicPrefix === '') throw new Error('a benchmark needs a topic prefix of its own');
  const config = await benchConfig(options);
  await ensureServices(config);
  const seeded = await prepareData(config, { freshDatabase: true });
  const limit = String(options.rateLimitPerMinute);
  const env = childEnv(config, {
    NODE_ENV: 'production',
    RATE_LIMIT_COMMAND_PER_MINUTE: limit,
    RATE_LIMIT_READ_PER_MINUTE: limit,
    RATE_LIMIT_AUTH_PER_MINUTE: limit,
  });
  buildWeb(env);
  return { config, seeded, env };
}
