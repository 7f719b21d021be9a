import { afterEach, describe, expect, it, vi } from 'vitest';
import { assertProductionConfig, productionConfigProblems } from './productionConfig';

const AUTH_SECRET = 'a'.repeat(32);
const WEBHOOK_SECRET = 'w'.repeat(16);

describe('production start rules of the web app', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('refuses to start in production without AUTH_SECRET', () => {
    const env = { NODE_ENV: 'production', PAYMENTS_WEBHOOK_SECRET: WEBHOOK_SECRET };
    expect(productionConfigProblems(env)).toEqual(['AUTH_SECRET must be set to a secret of at least 32 characters']);
    expect(() => assertProductionConfig(env)).toThrow(/refusing to start with NODE_ENV=production: AUTH_SECRET/);
    expect(productionConfigProblems({ ...env, AUTH_SECRET: 'short' })).toHaveLength(1);
  });

  it('refuses to start in production without PAYMENTS_WEBHOOK_SECRET', () => {
    const env = { NODE_ENV: 'production', AUTH_SECRET };
    expect(productionConfigProblems(env)).toEqual([
      'PAYMENTS_WEBHOOK_SECRET must be set to a secret of at least 16 characters',
    ]);
    expect(() => assertProductionConfig({ ...env, PAYMENTS_WEBHOOK_SECRET: 'short' })).toThrow(
      /PAYMENTS_WEBHOOK_SECRET/,
    );
  });

  it('starts in production with both, and outside production without either', () => {
    expect(() =>
      assertProductionConfig({ NODE_ENV: 'production', AUTH_SECRET, PAYMENTS_WEBHOOK_SECRET: WEBHOOK_SECRET }),
    ).not.toThrow();
    expect(productionConfigProblems({})).toEqual([]);
    expect(productionConfigProblems({ NODE_ENV: 'development' })).toEqual([]);
  });

  it('has no made-up signing key in production', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('AUTH_SECRET', '');
    vi.stubEnv('NUXT_AUTH_SECRET', '');
    const { authSecret } = await import('./authSecret');
    expect(() => authSecret()).toThrow('AUTH_SECRET is required when NODE_ENV=production');
  });

  it('still makes a per-process key outside production', async () => {
    vi.stubEnv('NODE_ENV', 'development');
    vi.stubEnv('AUTH_SECRET', '');
    vi.stubEnv('NUXT_AUTH_SECRET', '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { authSecret } = await import('./authSecret');
    expect(authSecret()).toHaveLength(32);
    expect(warn).toHaveBeenCalledOnce();
  });
});
