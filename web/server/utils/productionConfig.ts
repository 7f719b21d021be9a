import { WEBHOOK_SECRET_MIN_LENGTH } from '@billstream/payments';
import { AUTH_SECRET_MIN_LENGTH } from './authSecret';
import { isProduction } from './nodeEnv';

/**
 * What the web app refuses to start without when NODE_ENV=production: no
 * key that signs access tokens may be made up, and webhooks must be
 * verifiable. One message per missing setting; empty when all is well or
 * outside production (`npm start` generates both into DATA_DIR).
 */
export function productionConfigProblems(env: Readonly<Record<string, string | undefined>>): string[] {
  if (!isProduction(env)) return [];
  const problems: string[] = [];
  const authSecret = env.AUTH_SECRET || env.NUXT_AUTH_SECRET || '';
  if (authSecret.length < AUTH_SECRET_MIN_LENGTH)
    problems.push(`AUTH_SECRET must be set to a secret of at least ${AUTH_SECRET_MIN_LENGTH} characters`);
  if ((env.PAYMENTS_WEBHOOK_SECRET ?? '').length < WEBHOOK_SECRET_MIN_LENGTH)
    problems.push(
      `PAYMENTS_WEBHOOK_SECRET must be set to a secret of at least ${WEBHOOK_SECRET_MIN_LENGTH} characters`,
    );
  return problems;
}

/** Throws one error naming every problem, so a misconfigured production web app stops at start. */
export function assertProductionConfig(env: Readonly<Record<string, string | undefined>>): void {
  const problems = productionConfigProblems(env);
  if (problems.length > 0)
    throw new Error(`refusing to start with NODE_ENV=production: ${problems.join('; ')} (see .env.example)`);
}
