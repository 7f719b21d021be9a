import { describe, expect, it } from 'vitest';
import { signAccessToken, verifyAccessToken } from './accessToken';
import { ACCESS_TOKEN_TTL_SECONDS } from './authSettings';

const KEY = new TextEncoder().encode('k'.repeat(32));
const OTHER_KEY = new TextEncoder().encode('o'.repeat(32));
const CLAIMS = { userId: 'user-1', organizationId: 'org-1', sessionId: 'session-1' };

describe('access tokens', () => {
  it('round-trips the claims until they expire', async () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const { token, expiresAt } = await signAccessToken(CLAIMS, now, KEY);
    expect(expiresAt.getTime() - now.getTime()).toBe(ACCESS_TOKEN_TTL_SECONDS * 1000);
    expect(await verifyAccessToken(token, now, KEY)).toEqual(CLAIMS);
    const later = new Date(now.getTime() + (ACCESS_TOKEN_TTL_SECONDS + 1) * 1000);
    expect(await verifyAccessToken(token, later, KEY)).toBeUndefined();
  });

  it('refuses another key, tampering and garbage', async () => {
    const { token } = await signAccessToken(CLAIMS, new Date(), KEY);
    expect(await verifyAccessToken(token, new Date(), OTHER_KEY)).toBeUndefined();
    expect(await verifyAccessToken(`${token.slice(0, -2)}xx`, new Date(), KEY)).toBeUndefined();
    expect(await verifyAccessToken('not.a.jwt', new Date(), KEY)).toBeUndefined();
  });
});
