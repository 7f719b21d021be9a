export interface RuntimeConfig {
  readonly kafkaBrokers: string[];
  readonly topicPrefix: string;
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly httpPort: number;
  readonly logLevel: string;
}

function required(env: NodeJS.ProcessEnv, key: string): string {
  const value = env[key];
  if (value === undefined || value === '')
    throw new Error(`environment variable ${key} is required (see .env.example)`);
  return value;
}

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
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
