import type { H3Event } from 'h3';
import { clientIp } from './clientIp';

/** Where a request comes from, for sessions, limits and the audit trail. */
export function requestOrigin(event: H3Event): { ip: string; userAgent: string } {
  return { ip: clientIp(event), userAgent: getRequestHeader(event, 'user-agent') ?? '' };
}
