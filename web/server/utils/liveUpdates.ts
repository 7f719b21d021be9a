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
/**
 * Open SSE streams one user (all their sessions and API tokens) may hold on
 * one server process; more are refused with 429, so one caller cannot use up
 * LIVE_STREAMS_MAX. The app opens one per browser tab.
 */
export const LIVE_STREAMS_PER_PRINCIPAL_MAX = 10;
/** How often an open stream re-checks its session or API token, closing once it was revoked. */
export const LIVE_STREAM_RECHECK_INTERVAL_MS = 10_000;

const listeners = new Map<string, Set<Listener>>();
const streamsPerPrincipal = new Map<string, number>();
let subscriber: Redis | undefined;
let streams = 0;

export type Listening =
  | { readonly ok: true; readonly stop: () => void }
  | { readonly ok: false; readonly reason: 'server-full' | 'principal-full' };

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

/**
 * Listens to one organization's updates for one principal (a user id);
 * returns the function that stops listening (idempotent), or why the stream
 * is refused.
 */
export function listenToUpdates(organizationId: string, principalKey: string, listener: Listener): Listening {
  if (streams >= LIVE_STREAMS_MAX) return { ok: false, reason: 'server-full' };
  const held = streamsPerPrincipal.get(principalKey) ?? 0;
  if (held >= LIVE_STREAMS_PER_PRINCIPAL_MAX) return { ok: false, reason: 'principal-full' };
  ensureSubscriber();
  streams += 1;
  streamsPerPrincipal.set(principalKey, held + 1);
  const set = listeners.get(organizationId) ?? new Set<Listener>();
  set.add(listener);
  listeners.set(organizationId, set);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    streams -= 1;
    const left = (streamsPerPrincipal.get(principalKey) ?? 1) - 1;
    if (left > 0) streamsPerPrincipal.set(principalKey, left);
    else streamsPerPrincipal.delete(principalKey);
    set.delete(listener);
    if (set.size === 0) listeners.delete(organizationId);
  };
  return { ok: true, stop };
}

export async function closeLiveUpdates(): Promise<void> {
  const current = subscriber;
  subscriber = undefined;
  await current?.quit().catch(() => current.disconnect());
}
