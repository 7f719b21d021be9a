/**
 * Read by a computed name: the Nitro build replaces the literal
 * `process.env.NODE_ENV` with "production" in every built server, which would
 * make `npm start` (a built web app) look like production.
 */
const NODE_ENV_VARIABLE = 'NODE_ENV';

/** NODE_ENV=production as set at run time (the Dockerfiles set it; `npm start` and `npm test` do not). */
export function isProduction(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return env[NODE_ENV_VARIABLE] === 'production';
}
