/** A view change announced by the processors: `{ view, ids }` (see GET /api/v1/events). */
export interface LiveUpdate {
  readonly view: string;
  readonly ids: readonly string[];
  readonly reload?: boolean;
}

type Handler = (update: LiveUpdate) => void;

const handlers = new Set<Handler>();
let source: EventSource | null = null;

function connect(): void {
  if (source || typeof EventSource === 'undefined') return;
  // One stream per tab, shared by every component; EventSource reconnects by itself.
  source = new EventSource('/api/v1/events', { withCredentials: true });
  source.addEventListener('update', (message) => {
    const update = JSON.parse((message as MessageEvent<string>).data) as LiveUpdate;
    for (const handler of handlers) handler(update);
  });
}

/**
 * Calls `handler` whenever a processor commits rows of one of `views` for the
 * caller's organization, for as long as the component is mounted.
 */
export function useLiveUpdates(views: readonly string[], handler: Handler): void {
  const filtered: Handler = (update) => {
    if (views.includes(update.view)) handler(update);
  };
  onMounted(() => {
    handlers.add(filtered);
    connect();
  });
  onBeforeUnmount(() => {
    handlers.delete(filtered);
    if (handlers.size === 0) {
      source?.close();
      source = null;
    }
  });
}
