import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Targets webhooks may never reach unless allowed: loopback, private,
 * link-local (cloud metadata lives at 169.254.169.254), carrier-grade NAT,
 * "this network", multicast and reserved ranges, and their IPv6 kin
 * (IPv4-mapped addresses are checked as IPv4).
 */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv6');
}

/** The env var naming targets allowed despite the guard: comma-separated hosts, IPs or CIDRs (docs/webhooks.md). */
export const WEBHOOK_ALLOWED_TARGETS_ENV = 'WEBHOOK_ALLOWED_TARGETS';
/** Addresses one host name may resolve to before the guard refuses to look further. */
const RESOLVED_ADDRESSES_MAX = 32;

export interface AllowList {
  readonly hosts: ReadonlySet<string>;
  readonly nets: BlockList;
}

export function parseAllowList(value: string | undefined): AllowList {
  const hosts = new Set<string>();
  const nets = new BlockList();
  for (const entry of (value ?? '').split(',').map((part) => part.trim().toLowerCase())) {
    if (entry === '') continue;
    const [address, bits] = entry.split('/', 2) as [string, string | undefined];
    const family = isIP(address);
    if (family === 0) hosts.add(entry);
    else if (bits === undefined) nets.addAddress(address, family === 4 ? 'ipv4' : 'ipv6');
    else nets.addSubnet(address, Number(bits), family === 4 ? 'ipv4' : 'ipv6');
  }
  return { hosts, nets };
}

function unmapped(address: string): { address: string; type: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, type: 'ipv4' };
  return { address, type: isIP(address) === 4 ? 'ipv4' : 'ipv6' };
}

export class SsrfRefusal extends Error {}

export interface Target {
  /** The checked address the request must connect to (so a second DNS answer cannot differ). */
  readonly address: string;
  readonly family: 4 | 6;
}

/**
 * Resolves the URL's host and checks every address it resolves to: one
 * blocked address refuses the target (a host answering both a public and a
 * private address would otherwise win half the time). The allow-list wins
 * for a host named in it or an address inside it.
 */
export async function checkTarget(url: URL, allow: AllowList): Promise<Target> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SsrfRefusal(`scheme ${url.protocol} is refused`);
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const literal = isIP(host);
  const answers = literal
    ? [{ address: host, family: literal }]
    : await lookup(host, { all: true, verbatim: true }).catch(() => {
        throw new SsrfRefusal(`${host} does not resolve`);
      });
  if (answers.length === 0 || answers.length > RESOLVED_ADDRESSES_MAX) throw new SsrfRefusal(`${host} resolves oddly`);
  const hostAllowed = allow.hosts.has(host);
  for (const answer of answers) {
    const { address, type } = unmapped(answer.address);
    if (hostAllowed || allow.nets.check(address, type)) continue;
    if (BLOCKED.check(address, type))
      throw new SsrfRefusal(`${host} resolves to ${address}, a private or local address`);
  }
  const first = answers[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}
