import { SupervisedRestarts, supervisorRestartsKey } from '@billstream/contracts';
import { serverConfig } from '../../utils/config';
import { useRedis } from '../../utils/redis';

/**
 * Parses the hash `npm start` / `npm test` keep of the apps they restarted
 * (scripts/dev/procs.ts supervision). Malformed fields are left out rather
 * than failing the whole page.
 */
export function parseSupervisedRestarts(hash: Readonly<Record<string, string>>): Map<string, SupervisedRestarts> {
  const restarts = new Map<string, SupervisedRestarts>();
  for (const [app, text] of Object.entries(hash)) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      continue;
    }
    const parsed = SupervisedRestarts.safeParse(json);
    if (parsed.success) restarts.set(app, parsed.data);
  }
  return restarts;
}

/**
 * Restarts per app in this environment (topic prefix). Empty where nothing
 * records them (docker compose restarts containers itself: `docker ps`), and
 * while Redis does not answer: the processors' own figures still show
 * (/api/v1/health reports Redis).
 */
export async function supervisedRestarts(): Promise<Map<string, SupervisedRestarts>> {
  try {
    const hash = await useRedis().hgetall(supervisorRestartsKey(serverConfig().kafkaTopicPrefix));
    return parseSupervisedRestarts(hash);
  } catch (error) {
    console.error('[monitoring] supervisor restarts unreadable:', (error as Error).message);
    return new Map();
  }
}
