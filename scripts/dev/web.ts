import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './config.ts';
import { say } from './log.ts';
import { runChecked, startProcess, waitFor } from './procs.ts';

const WEB_READY_TIMEOUT_MS = 60_000;
const SOURCE_DIRS = ['web', 'packages/contracts/src', 'prisma/src', 'prisma/schema.prisma'];
const SKIP = new Set(['node_modules', '.nuxt', '.output', 'test-results', 'playwright-report', 'e2e', 'test']);

function hashTree(hash: crypto.Hash, entry: string): void {
  const stack = [entry];
  while (stack.length > 0) {
    const current = stack.pop()!;
    const full = path.join(ROOT, current);
    if (!fs.existsSync(full)) continue;
    const stat = fs.statSync(full);
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(full).sort().reverse())
        if (!SKIP.has(child)) stack.push(path.join(current, child));
    } else {
      hash.update(current);
      hash.update(fs.readFileSync(full));
    }
  }
}

/** Builds the Nuxt app unless the sources are unchanged since the last build. */
export function buildWeb(env: Record<string, string>): void {
  const hash = crypto.createHash('sha256');
  for (const entry of SOURCE_DIRS) hashTree(hash, entry);
  const digest = hash.digest('hex');
  const stamp = path.join(ROOT, 'web', '.output', '.billstream-build');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === digest) {
    say('web app is up to date (web/.output)');
    return;
  }
  say('building the web app (nuxt build); this takes a minute or two the first time');
  runChecked('pnpm', ['--filter', '@billstream/web', 'build'], { cwd: ROOT, env });
  fs.writeFileSync(stamp, digest);
}

export async function startWeb(port: number, env: Record<string, string>): Promise<string> {
  const url = `http://127.0.0.1:${port}`;
  startProcess(
    'web',
    'node',
    ['--disable-warning=TimeoutNegativeWarning', path.join(ROOT, 'web', '.output', 'server', 'index.mjs')],
    {
      cwd: path.join(ROOT, 'web'),
      env: { ...env, PORT: String(port), NITRO_PORT: String(port), HOST: '0.0.0.0' },
      supervise: true,
    },
  );
  await waitFor('web app', async () => (await fetch(`${url}/api/v1/health`)).status < 500, WEB_READY_TIMEOUT_MS);
  return url;
}
