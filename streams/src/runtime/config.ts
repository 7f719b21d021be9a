export interface RuntimeConfig {
  readonly kafkaBrokers: string[];
  readonly topicPrefix: string;
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly httpPort: number;
  /** Address /healthz, /readyz and /metrics listen on (STREAMS_HTTP_HOST). */
  readonly httpHost: string;
  readonly logLevel: string;
}

function required(env: NodeJS.ProcessEnv, key: string): string {
  const value = env[key];
  if (value === undefined || value === '')
    throw new Error(`environment variable ${key} is required (see .env.example)`);
  return value;
}

/**
 * Metrics and probes are for this host's supervisor and the web app's
 * monitoring page, not the network: loopback unless STREAMS_HTTP_HOST says
 * otherwise (0.0.0.0 in containers, where the web app scrapes another host).
 */
export const DEFAULT_HTTP_HOST = '127.0.0.1';

export function runtimeConfigFromEnv(env: NodeJS.ProcessEnv, defaultPort: number): RuntimeConfig {
  return {
    kafkaBrokers: required(env, 'KAFKA_BROKERS')
      .split(',')
      .map((broker) => broker.trim())
      .filter(Boolean),
    topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '',
    databaseUrl: required(env, 'DATABASE_URL'),
    redisUrl: required(env, 'REDIS_URL'),
    httpPort: Number(env.STREAMS_HTTP_PORT ?? defaultPort),
    httpHost: env.STREAMS_HTTP_HOST?.trim() || DEFAULT_HTTP_HOST,
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
