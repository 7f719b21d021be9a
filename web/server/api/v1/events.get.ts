import type { PermissionKey } from '@billstream/contracts';
import { principalStillAllowed } from '../../services/access/principalStillAllowed';
import {
  LIVE_STREAM_RECHECK_INTERVAL_MS,
  LIVE_STREAMS_PER_PRINCIPAL_MAX,
  listenToUpdates,
} from '../../utils/liveUpdates';
import { requirePrincipal } from '../../utils/principal';
import { problems } from '../../utils/problem';

/** Comment lines keep proxies from closing an idle stream. */
const KEEPALIVE_INTERVAL_MS = 15_000;
/** The permission the route map (shared/auth/apiRoutes.ts) asks of this route, re-checked while streaming. */
const STREAM_PERMISSION: PermissionKey = 'accounts:read';

/**
 * GET /api/v1/events: Server-Sent Events of the caller's organization —
 * `update` events `{ view, ids }` whenever a processor commits view rows
 * (transactions, balances, holds, invoices, …), so pages show pending →
 * final without polling. Only the caller's organization is ever streamed.
 * The stream ends (after a `revoked` event) once its session or API token
 * no longer grants it; each user holds at most LIVE_STREAMS_PER_PRINCIPAL_MAX.
 */
export default defineEventHandler(async (event) => {
  const principal = requirePrincipal(event);
  const { organizationId } = principal;
  const stream = createEventStream(event);
  const listening = listenToUpdates(organizationId, principal.userId, (update) => {
    void stream.push({ event: 'update', data: JSON.stringify(update) });
  });
  if (!listening.ok && listening.reason === 'principal-full') {
    const detail = `At most ${LIVE_STREAMS_PER_PRINCIPAL_MAX} live streams per user are open at once; close one first`;
    throw problems.tooMany(detail, 'live-streams-per-user', LIVE_STREAM_RECHECK_INTERVAL_MS / 1000, {
      limit: LIVE_STREAMS_PER_PRINCIPAL_MAX,
    });
  }
  if (!listening.ok) throw problems.unavailable('Too many live streams are open on this server; retry shortly');
  const keepalive = setInterval(() => void stream.push({ event: 'ping', data: '{}' }), KEEPALIVE_INTERVAL_MS);
  // A revoked session or token would otherwise keep receiving updates for as long as the connection lasts.
  const recheck = setInterval(() => {
    principalStillAllowed(principal, STREAM_PERMISSION)
      .then(async (allowed) => {
        if (allowed) return;
        await stream.push({ event: 'revoked', data: '{}' });
        await stream.close();
      })
      .catch((error: unknown) => console.error('[events] re-check failed:', (error as Error).message));
  }, LIVE_STREAM_RECHECK_INTERVAL_MS);
  stream.onClosed(async () => {
    clearInterval(keepalive);
    clearInterval(recheck);
    listening.stop();
    await stream.close();
  });
  void stream.push({ event: 'ready', data: JSON.stringify({ organizationId }) });
  return stream.send();
});
