export interface ServerConfig {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly kafkaBrokers: string[];
  readonly kafkaTopicPrefix: string;
  readonly publicUrl: string;
}

let cached: ServerConfig | undefined;

/**
 * Connection settings, read when first needed. The orchestrator sets plain
 * DATABASE_URL/REDIS_URL/... (not NUXT_*), so process.env wins; the
 * runtimeConfig values (NUXT_DATABASE_URL etc.) remain as an alternative.
 * Nothing here is inlined at build time, so one .output runs anywhere.
 */
export function serverConfig(): ServerConfig {
  if (cached) return cached;
  const runtime = useRuntimeConfig();
  const pick = (envName: string, fallback: unknown) => process.env[envName] || String(fallback ?? '');
  const config: ServerConfig = {
    databaseUrl: pick('DATABASE_URL', runtime.databaseUrl),
    redisUrl: pick('REDIS_URL', runtime.redisUrl) || 'redis://127.0.0.1:6379/0',
    kafkaBrokers: pick('KAFKA_BROKERS', runtime.kafkaBrokers)
      .split(',')
      .map((broker) => broker.trim())
      .filter(Boolean),
    // An empty prefix is legitimate (production), so `??` rather than `||`.
    kafkaTopicPrefix: process.env.KAFKA_TOPIC_PREFIX ?? String(runtime.kafkaTopicPrefix ?? ''),
    publicUrl: pick('PUBLIC_URL', runtime.publicUrl).replace(/\/+$/, ''),
  };
  if (!config.databaseUrl) throw new Error('DATABASE_URL is not set');
  if (config.kafkaBrokers.length === 0) throw new Error('KAFKA_BROKERS is not set');
  cached = config;
  return config;
}
