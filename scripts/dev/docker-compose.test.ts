// docker-compose.yml runs exactly the processor apps `npm start` runs
// (PROCESSOR_APP_NAMES), each restarted and health-checked, and refuses to
// start without the production secrets.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './config.ts';
import { PROCESSOR_APP_NAMES } from './streams.ts';

interface Service {
  command?: string[];
  restart?: string;
  healthcheck?: { test?: string[] | string };
  depends_on?: Record<string, { condition?: string }>;
  environment?: Record<string, string>;
}

interface Compose {
  services: Record<string, Service>;
}

const SERVICES_NEEDED_HEALTHY = ['kafka', 'postgres', 'redis'];
const REQUIRED_SECRETS = ['AUTH_SECRET', 'PAYMENTS_WEBHOOK_SECRET'];

function loadCompose(): Compose {
  // merge: resolves the `<<: *processor` keys as docker compose does.
  return parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as Compose;
}

function healthProblems(name: string, service: Service, endpoint: string): string[] {
  const test = service.healthcheck?.test;
  const command = Array.isArray(test) ? test.join(' ') : (test ?? '');
  const problems: string[] = [];
  if (service.restart !== 'unless-stopped') problems.push(`${name}: restart is ${service.restart}, not unless-stopped`);
  if (!command.includes(endpoint)) problems.push(`${name}: no healthcheck on ${endpoint}`);
  return problems;
}

/** Everything docker-compose.yml gets wrong about the processor apps and the web app. */
function composeProblems(compose: Compose, apps: readonly string[]): string[] {
  const problems: string[] = [];
  for (const app of apps) {
    const service = compose.services[app];
    if (!service) {
      problems.push(`${app}: no service`);
      continue;
    }
    if (service.command?.join(' ') !== `run ${app}`) problems.push(`${app}: command is not "run ${app}"`);
    problems.push(...healthProblems(app, service, '/readyz'));
    if (service.depends_on?.setup?.condition !== 'service_completed_successfully')
      problems.push(`${app}: does not wait for setup to complete`);
    for (const needed of SERVICES_NEEDED_HEALTHY)
      if (service.depends_on?.[needed]?.condition !== 'service_healthy')
        problems.push(`${app}: does not wait for ${needed} to be healthy`);
  }
  const extra = Object.entries(compose.services)
    .filter(([, service]) => service.command?.[0] === 'run' && !apps.includes(service.command[1] ?? ''))
    .map(([name]) => `${name}: runs a processor app that npm start does not`);
  const web = compose.services.web;
  if (!web) return [...problems, ...extra, 'web: no service'];
  problems.push(...healthProblems('web', web, '/api/v1/health'));
  const metrics = web.environment?.STREAMS_METRICS_URLS ?? '';
  for (const app of apps)
    if (!metrics.split(',').some((pair) => pair.startsWith(`${app}=`)))
      problems.push(`web: STREAMS_METRICS_URLS leaves out ${app}`);
  return [...problems, ...extra];
}

describe('docker-compose.yml', () => {
  it('runs every processor app of PROCESSOR_APP_NAMES with a restart policy, a /readyz healthcheck and ordered start', () => {
    expect(composeProblems(loadCompose(), PROCESSOR_APP_NAMES)).toEqual([]);
  });

  it('names an app that has no service, no restart policy or no healthcheck', () => {
    const compose = loadCompose();
    delete compose.services.payments;
    delete compose.services.ledger!.restart;
    delete compose.services.billing!.healthcheck;
    expect(composeProblems(compose, PROCESSOR_APP_NAMES)).toEqual([
      'ledger: restart is undefined, not unless-stopped',
      'billing: no healthcheck on /readyz',
      'payments: no service',
    ]);
  });

  it('refuses to start without the production secrets and the admin password, in production mode', () => {
    const text = fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
    const compose = loadCompose();
    for (const secret of REQUIRED_SECRETS) expect(text).toMatch(new RegExp(`${secret}: \\$\\{${secret}:\\?`));
    expect(text).toMatch(/SEED_ADMIN_PASSWORD: \$\{SEED_ADMIN_PASSWORD:\?/);
    expect(text).not.toMatch(/billstream-admin|development-only/);
    for (const name of ['setup', 'web', ...PROCESSOR_APP_NAMES]) {
      expect(compose.services[name]?.environment?.NODE_ENV, name).toBe('production');
      for (const secret of REQUIRED_SECRETS) expect(compose.services[name]?.environment?.[secret], name).toBeDefined();
    }
  });
});
