import { Redis } from 'ioredis';
import { serverConfig } from './config';

/** A view change the processors announced: which view, which object ids (empty with reload: refetch everything). */
export interface LiveUpdate {
  readonly view: string;
  readonly ids: readonly string[];
  readonly reload?: boolean;
}

type Listener = (update: LiveUpdate) => void;

/** Open SSE streams one server process serves; more are refused with 503 so memory stays bounded. */
export const LIVE_STREAMS_MAX = 1_000;

const listeners = new Map<string, Set<Listener>>();
let subscriber: Redis | undefined;
let streams = 0;

/** The channel prefix the stream processors publish on (streams/src/runtime/kafka/viewSink.ts updatesChannel). */
function channelPrefix(): string {
  return ['billstream', serverConfig().kafkaTopicPrefix || 'default', 'updates', ''].join(':');
}

function ensureSubscriber(): void {
  if (subscriber) return;
  subscriber = new Redis(serverConfig().redisUrl, { maxRetriesPerRequest: null });
  subscriber.on('error', (error) => console.error('[redis live updates]', error.message));
  const prefix = channelPrefix();
  void subscriber.psubscribe(`${prefix}*`);
  subscriber.on('pmessage', (_pattern, channel, message) => {
    const organizationId = channel.slice(prefix.length);
    const forOrganization = listeners.get(organizationId);
    if (!forOrganization) return;
    let update: LiveUpdate;
    try {
      update = JSON.parse(message) as LiveUpdate;
    } catch {
      return;
    }
    for (const listener of forOrganization) listener(update);
  });
}

/** Listens to one organisation's updates; returns the function that stops listening. Null when full. */
export function listenToUpdates(organizationId: string, listener: Listener): (() => void) | null {
  if (streams >= LIVE_STREAMS_MAX) return null;
  ensureSubscriber();
  streams += 1;
  const set = listeners.get(organizationId) ?? new Set<Listener>();
  set.add(listener);
  listeners.set(organizationId, set);
  return () => {
    streams -= 1;
    set.delete(listener);
    if (set.size === 0) listeners.delete(organizationId);
  };
}

export async function closeLiveUpdates(): Promise<void> {
  const current = subscriber;
  subscriber = undefined;
  await current?.quit().catch(() => current.disconnect());
}
