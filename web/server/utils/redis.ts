import { Redis } from 'ioredis';
import { serverConfig } from './config';

let client: Redis | undefined;

export function useRedis(): Redis {
  if (client) return client;
  client = new Redis(serverConfig().redisUrl, {
    // Fail a request quickly instead of queueing it while Redis is away.
    maxRetriesPerRequest: 2,
    connectTimeout: 5_000,
    // Commands issued in one event-loop turn (many concurrent requests' rate
    // limits, pending records, cache reads) go out in one write and one read.
    enableAutoPipelining: true,
  });
  client.on('error', (error) => console.error('[redis]', error.message));
  return client;
}

/**
 * Keys are namespaced by the Kafka topic prefix: a test run that owns its
 * topics (prefix `t123.`) then also owns its Redis keys on a shared server.
 */
export function redisKey(...parts: string[]): string {
  return ['billstream', serverConfig().kafkaTopicPrefix || 'default', ...parts].join(':');
}

export async function closeRedis(): Promise<void> {
  const current = client;
  client = undefined;
  await current?.quit().catch(() => current.disconnect());
}
