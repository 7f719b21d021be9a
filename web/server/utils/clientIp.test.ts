import { describe, expect, it } from 'vitest';
import { clientIpFrom } from './clientIp';

const LOOPBACK = new Set(['127.0.0.1', '::1']);

describe('clientIpFrom', () => {
  it('uses the peer when it is not a trusted proxy, whatever X-Forwarded-For says', () => {
    expect(clientIpFrom('203.0.113.9', '198.51.100.1', LOOPBACK)).toBe('203.0.113.9');
  });

  it('takes the right-most untrusted hop behind a trusted proxy', () => {
    expect(clientIpFrom('127.0.0.1', '198.51.100.1, 203.0.113.7', LOOPBACK)).toBe('203.0.113.7');
    expect(clientIpFrom('::ffff:127.0.0.1', '203.0.113.7, 127.0.0.1', LOOPBACK)).toBe('203.0.113.7');
  });

  it('ignores entries that are not addresses', () => {
    expect(clientIpFrom('127.0.0.1', 'nonsense', LOOPBACK)).toBe('127.0.0.1');
    expect(clientIpFrom('127.0.0.1', undefined, LOOPBACK)).toBe('127.0.0.1');
  });
});
