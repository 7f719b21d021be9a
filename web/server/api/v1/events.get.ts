import { listenToUpdates } from '../../utils/liveUpdates';
import { requirePrincipal } from '../../utils/principal';
import { problems } from '../../utils/problem';

/** Comment lines keep proxies from closing an idle stream. */
const KEEPALIVE_INTERVAL_MS = 15_000;

/**
 * GET /api/v1/events: Server-Sent Events of the caller's organisation —
 * `update` events `{ view, ids }` whenever a processor commits view rows
 * (transactions, balances, holds, invoices, …), so pages show pending →
 * final without polling. Only the caller's organisation is ever streamed.
 */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const stream = createEventStream(event);
  const stop = listenToUpdates(organizationId, (update) => {
    void stream.push({ event: 'update', data: JSON.stringify(update) });
  });
  if (!stop) throw problems.unavailable('Too many live streams are open on this server; retry shortly');
  const keepalive = setInterval(() => void stream.push({ event: 'ping', data: '{}' }), KEEPALIVE_INTERVAL_MS);
  stream.onClosed(async () => {
    clearInterval(keepalive);
    stop();
    await stream.close();
  });
  void stream.push({ event: 'ready', data: JSON.stringify({ organizationId }) });
  return stream.send();
});
