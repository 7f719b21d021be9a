import { randomBytes } from 'node:crypto';
import { isProduction } from './nodeEnv';

/** HS256 wants at least 256 bits of key. */
export const AUTH_SECRET_MIN_LENGTH = 32;

let cached: Uint8Array | undefined;

/**
 * The key that signs access tokens: AUTH_SECRET (>= 32 characters). Without
 * it each process makes a random key and says so; access tokens then do not
 * survive a restart or cross instances, but sessions do (their refresh
 * tokens live in Redis), so clients just refresh. In production
 * (NODE_ENV=production) there is no such fallback: it throws, and the web app
 * refuses to start (plugins/00.productionConfig.ts).
 */
export function authSecret(): Uint8Array {
  if (cached) return cached;
  const configured = process.env.AUTH_SECRET ?? process.env.NUXT_AUTH_SECRET;
  if (configured && configured.length >= AUTH_SECRET_MIN_LENGTH) {
    cached = new TextEncoder().encode(configured);
  } else {
    if (configured) throw new Error(`AUTH_SECRET must be at least ${AUTH_SECRET_MIN_LENGTH} characters`);
    if (isProduction()) throw new Error('AUTH_SECRET is required when NODE_ENV=production (see .env.example)');
    console.warn('[auth] AUTH_SECRET is not set: using a random per-process key (access tokens end at restart)');
    cached = new Uint8Array(randomBytes(32));
  }
  return cached;
}
