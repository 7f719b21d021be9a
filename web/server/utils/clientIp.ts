import { isIP } from 'node:net';
import type { H3Event } from 'h3';

/**
 * Proxies whose X-Forwarded-For / X-Forwarded-Proto we believe. Default:
 * loopback only (a reverse proxy on the same host); TRUSTED_PROXIES takes a
 * comma-separated list of addresses, or "none".
 */
function trustedProxies(): Set<string> {
  const configured = process.env.TRUSTED_PROXIES?.trim();
  if (configured === 'none') return new Set();
  if (!configured) return new Set(['127.0.0.1', '::1']);
  return new Set(configured.split(',').map((entry) => normalizeIp(entry.trim())));
}

export function normalizeIp(ip: string): string {
  return ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}

/**
 * The client's address: the socket peer, or, when the peer is a trusted
 * proxy, the right-most untrusted address of X-Forwarded-For (entries left of
 * it could have been written by the client).
 */
export function clientIpFrom(peer: string, forwardedFor: string | undefined, trusted = trustedProxies()): string {
  let ip = normalizeIp(peer);
  if (!trusted.has(ip) || !forwardedFor) return ip;
  const hops = forwardedFor
    .split(',')
    .map((hop) => normalizeIp(hop.trim()))
    .filter((hop) => isIP(hop) !== 0);
  while (hops.length > 0 && trusted.has(ip)) ip = hops.pop() as string;
  return ip;
}

export function clientIp(event: H3Event): string {
  const peer = event.node.req.socket?.remoteAddress ?? '0.0.0.0';
  return clientIpFrom(peer, getRequestHeader(event, 'x-forwarded-for'));
}

/** Served over https, directly or behind a trusted proxy: cookies get the Secure flag. */
export function isHttps(event: H3Event): boolean {
  if ((event.node.req.socket as { encrypted?: boolean } | undefined)?.encrypted) return true;
  const peer = normalizeIp(event.node.req.socket?.remoteAddress ?? '');
  return trustedProxies().has(peer) && getRequestHeader(event, 'x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}
