import { PASSWORD_MIN_LENGTH } from '@billstream/contracts';

/** The demo admin of `npm start` (.env.example); its password is public, so production refuses it. */
export const DEMO_ADMIN_EMAIL = 'admin@billstream.local';
export const DEMO_ADMIN_PASSWORD = 'billstream-admin';

/**
 * Read by a computed name, like the web app does: a bundler may replace the
 * literal `process.env.NODE_ENV`.
 */
const NODE_ENV_VARIABLE = 'NODE_ENV';

export interface SeedSetup {
  readonly adminEmail: string;
  readonly adminPassword: string;
  /** The demo organization with its viewer, master data and accounts; otherwise only the admin's organization. */
  readonly demo: boolean;
}

export type SeedSetupResult =
  | { readonly ok: true; readonly setup: SeedSetup }
  | { readonly ok: false; readonly problem: string };

/**
 * What the seed writes in this environment (SEED_ADMIN_EMAIL,
 * SEED_ADMIN_PASSWORD, SEED_DEMO, NODE_ENV), or why it refuses to. Outside
 * production the demo is seeded with the documented demo login unless
 * SEED_DEMO=false. In production (NODE_ENV=production) the operator must give
 * the admin's password, the demo password is refused, and the demo is seeded
 * only with SEED_DEMO=true.
 */
export function seedSetup(env: Readonly<Record<string, string | undefined>>): SeedSetupResult {
  const production = env[NODE_ENV_VARIABLE] === 'production';
  const adminEmail = env.SEED_ADMIN_EMAIL || DEMO_ADMIN_EMAIL;
  const password = env.SEED_ADMIN_PASSWORD ?? '';
  if (!production)
    return {
      ok: true,
      setup: { adminEmail, adminPassword: password || DEMO_ADMIN_PASSWORD, demo: env.SEED_DEMO !== 'false' },
    };
  if (password === '')
    return {
      ok: false,
      problem: "SEED_ADMIN_PASSWORD is required when NODE_ENV=production: it is the first admin's password",
    };
  if (password === DEMO_ADMIN_PASSWORD)
    return {
      ok: false,
      problem: 'SEED_ADMIN_PASSWORD is the published demo password; choose your own when NODE_ENV=production',
    };
  if (password.length < PASSWORD_MIN_LENGTH)
    return { ok: false, problem: `SEED_ADMIN_PASSWORD must be at least ${PASSWORD_MIN_LENGTH} characters` };
  return { ok: true, setup: { adminEmail, adminPassword: password, demo: env.SEED_DEMO === 'true' } };
}

/** The admin password as logs may show it: only the public demo one is printed. */
export function printablePassword(password: string): string {
  return password === DEMO_ADMIN_PASSWORD ? password : '(the SEED_ADMIN_PASSWORD you set)';
}
