import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Parses a dotenv file: KEY=value lines, # comments, optional quotes. */
export function parseDotenv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match) continue;
    const [, key, raw] = match;
    values[key!] = raw!.replace(/^(['"])(.*)\1$/, '$2');
  }
  return values;
}

function readDotenv(file: string): Record<string, string> {
  return fs.existsSync(file) ? parseDotenv(fs.readFileSync(file, 'utf8')) : {};
}

export interface Config {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly kafkaBrokers: string[];
  readonly kafkaTopicPrefix: string;
  readonly kafkaReplicationFactor: number;
  readonly kafkaVersion: string;
  readonly kafkaHeapMax: string;
  readonly dataDir: string;
  readonly webPort: number;
  readonly publicUrl: string;
  readonly ledgerPort: number;
  readonly billingPort: number;
  readonly analyticsPort: number;
  readonly activityPort: number;
  readonly subscriptionsPort: number;
  readonly paymentsPort: number;
  readonly usagePort: number;
  readonly webhooksPort: number;
  readonly logLevel: string;
  /** Everything, as the environment handed to child processes. */
  readonly env: Record<string, string>;
}

/** Defaults come from .env.example so that the documented values are the real ones. */
export function loadConfig(overrides: Record<string, string> = {}): Config {
  const merged: Record<string, string> = {
    ...readDotenv(path.join(ROOT, '.env.example')),
    ...readDotenv(path.join(ROOT, '.env')),
    ...pickDefined(process.env),
    ...overrides,
  };
  const get = (key: string): string => {
    const value = merged[key];
    if (value === undefined) throw new Error(`configuration ${key} is missing (see .env.example)`);
    return value;
  };
  return {
    databaseUrl: get('DATABASE_URL'),
    redisUrl: get('REDIS_URL'),
    kafkaBrokers: get('KAFKA_BROKERS')
      .split(',')
      .map((broker) => broker.trim())
      .filter(Boolean),
    kafkaTopicPrefix: merged.KAFKA_TOPIC_PREFIX ?? '',
    kafkaReplicationFactor: Number(get('KAFKA_REPLICATION_FACTOR')),
    kafkaVersion: get('KAFKA_VERSION'),
    kafkaHeapMax: get('KAFKA_HEAP_MAX'),
    dataDir: path.resolve(ROOT, get('DATA_DIR')),
    webPort: Number(get('WEB_PORT')),
    publicUrl: get('PUBLIC_URL'),
    ledgerPort: Number(get('LEDGER_PORT')),
    billingPort: Number(get('BILLING_PORT')),
    analyticsPort: Number(get('ANALYTICS_PORT')),
    activityPort: Number(get('ACTIVITY_PORT')),
    subscriptionsPort: Number(get('SUBSCRIPTIONS_PORT')),
    paymentsPort: Number(get('PAYMENTS_PORT')),
    usagePort: Number(get('USAGE_PORT')),
    webhooksPort: Number(get('WEBHOOKS_PORT')),
    logLevel: get('LOG_LEVEL'),
    env: merged,
  };
}

function pickDefined(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}

/**
 * AUTH_SECRET signs access tokens. When it is not configured, one is generated
 * once into the data folder, so sign-ins survive a restart of `npm start`.
 */
function authSecret(config: Config): string {
  const configured = config.env.AUTH_SECRET;
  if (configured) return configured;
  const file = path.join(config.dataDir, 'auth-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/**
 * PAYMENTS_WEBHOOK_SECRET signs the sandbox gateways' webhooks (the payments
 * worker signs, the web app verifies). Generated once like AUTH_SECRET.
 */
function paymentsWebhookSecret(config: Config): string {
  const configured = config.env.PAYMENTS_WEBHOOK_SECRET;
  if (configured) return configured;
  const file = path.join(config.dataDir, 'payments-webhook-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/** The environment every child process gets: the config, spelled as variables. */
export function childEnv(config: Config, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...config.env,
    AUTH_SECRET: authSecret(config),
    PAYMENTS_WEBHOOK_SECRET: paymentsWebhookSecret(config),
    DATABASE_URL: config.databaseUrl,
    REDIS_URL: config.redisUrl,
    KAFKA_BROKERS: config.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: config.kafkaTopicPrefix,
    PUBLIC_URL: config.publicUrl,
    LOG_LEVEL: config.logLevel,
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
    BILLSTREAM_PARENT_PID: String(process.pid),
    ...extra,
  };
}
