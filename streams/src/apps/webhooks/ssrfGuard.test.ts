import { describe, expect, it } from 'vitest';
import { checkTarget, parseAllowList, SsrfRefusal } from './ssrfGuard.ts';

const none = parseAllowList('');

describe('webhook SSRF guard', () => {
  it.each([
    'http://127.0.0.1/hook',
    'http://10.1.2.3/hook',
    'http://172.16.0.9/hook',
    'http://192.168.1.1/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/hook',
    'http://[fe80::1]/hook',
    'http://[fd00::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://0.0.0.0/hook',
    'http://localhost/hook',
  ])('refuses %s', async (url) => {
    await expect(checkTarget(new URL(url), none)).rejects.toBeInstanceOf(SsrfRefusal);
  });

  it('refuses other schemes', async () => {
    await expect(checkTarget(new URL('file:///etc/passwd'), none)).rejects.toBeInstanceOf(SsrfRefusal);
  });

  it('takes a public address, and a local one only when the allow-list names it (host, IP or CIDR)', async () => {
    await expect(checkTarget(new URL('https://93.184.216.34/hook'), none)).resolves.toEqual({
      address: '93.184.216.34',
      family: 4,
    });
    await expect(checkTarget(new URL('http://127.0.0.1:8080/'), parseAllowList('127.0.0.1'))).resolves.toMatchObject({
      address: '127.0.0.1',
    });
    await expect(
      checkTarget(new URL('http://10.9.8.7/'), parseAllowList(' 10.0.0.0/8 , other')),
    ).resolves.toMatchObject({
      address: '10.9.8.7',
    });
    await expect(checkTarget(new URL('http://localhost/'), parseAllowList('localhost'))).resolves.toBeDefined();
    await expect(checkTarget(new URL('http://10.9.8.7/'), parseAllowList('127.0.0.1'))).rejects.toBeInstanceOf(
      SsrfRefusal,
    );
  });
});
