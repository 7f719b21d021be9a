import { describe, expect, it } from 'vitest';
import { DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, seedSetup } from './seed-setup.ts';

const OWN_PASSWORD = 'an operator chose this';

describe('seed setup', () => {
  it('seeds the demo with the documented login outside production', () => {
    expect(seedSetup({})).toEqual({
      ok: true,
      setup: { adminEmail: DEMO_ADMIN_EMAIL, adminPassword: DEMO_ADMIN_PASSWORD, demo: true },
    });
    expect(seedSetup({ NODE_ENV: 'development', SEED_DEMO: 'false' })).toMatchObject({
      ok: true,
      setup: { demo: false },
    });
  });

  it('refuses production without an admin password', () => {
    expect(seedSetup({ NODE_ENV: 'production' })).toEqual({
      ok: false,
      problem: "SEED_ADMIN_PASSWORD is required when NODE_ENV=production: it is the first admin's password",
    });
    expect(seedSetup({ NODE_ENV: 'production', SEED_ADMIN_PASSWORD: '' }).ok).toBe(false);
  });

  it('refuses production with the published demo password', () => {
    expect(seedSetup({ NODE_ENV: 'production', SEED_ADMIN_PASSWORD: DEMO_ADMIN_PASSWORD })).toMatchObject({
      ok: false,
      problem: expect.stringContaining('published demo password'),
    });
  });

  it('refuses production with a password shorter than the app allows', () => {
    expect(seedSetup({ NODE_ENV: 'production', SEED_ADMIN_PASSWORD: 'short' })).toMatchObject({
      ok: false,
      problem: expect.stringContaining('at least'),
    });
  });

  it('seeds only the admin in production, and the demo when asked', () => {
    const env = { NODE_ENV: 'production', SEED_ADMIN_EMAIL: 'ops@example.com', SEED_ADMIN_PASSWORD: OWN_PASSWORD };
    expect(seedSetup(env)).toEqual({
      ok: true,
      setup: { adminEmail: 'ops@example.com', adminPassword: OWN_PASSWORD, demo: false },
    });
    expect(seedSetup({ ...env, SEED_DEMO: 'true' })).toMatchObject({ ok: true, setup: { demo: true } });
  });
});
