#!/usr/bin/env node
// Entry point of `npm start` and `npm test`. It must run on any Node >= 18
// (the oldest a fresh machine is likely to have), so it is plain CommonJS with
// no dependencies. It provisions Node 24 and pnpm inside `.tools/` (never
// touching the system's node), installs the workspace, then hands over to the
// TypeScript orchestrator in scripts/dev/main.ts.
'use strict';

const { spawnSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const ROOT = path.resolve(__dirname, '..');
const TOOLS_DIR = path.join(ROOT, '.tools');
const NODE_VERSION = '24.21.0';
const PNPM_VERSION = '12.4.2';
const NODE_MIN = [22, 12];

function log(message) {
  process.stdout.write(`[billstream] ${message}\n`);
}

function fail(message) {
  process.stderr.write(`[billstream] error: ${message}\n`);
  process.exit(1);
}

function versionAtLeast(version, min) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > min[0] || (major === min[0] && minor >= min[1]);
}

function run(command, args, options) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT, ...options });
  if (result.error) fail(`${command} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) fail(`${command} ${args.join(' ')} exited with ${result.status}`);
}

// Installs `pkg@version` with npm into .tools/<name> unless it is already there.
function provisionTool(name, pkg, version, binName) {
  const prefix = path.join(TOOLS_DIR, name);
  const bin = path.join(prefix, 'node_modules', '.bin', binName);
  const stamp = path.join(prefix, '.version');
  const current = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8').trim() : '';
  if (fs.existsSync(bin) && current === version) return path.dirname(bin);
  log(`provisioning ${pkg}@${version} into .tools/${name} (project-local)`);
  fs.mkdirSync(prefix, { recursive: true });
  // --foreground-scripts keeps the node package's preinstall (which fetches the
  // platform binary from the npm registry) visible when it is slow.
  run('npm', [
    'install',
    '--prefix',
    prefix,
    '--no-audit',
    '--no-fund',
    '--no-save',
    '--loglevel=error',
    `${pkg}@${version}`,
  ]);
  if (!fs.existsSync(bin)) fail(`npm installed ${pkg} but ${bin} is missing`);
  fs.writeFileSync(stamp, `${version}\n`);
  return path.dirname(bin);
}

function installHash() {
  const hash = crypto.createHash('sha256');
  const files = [
    'pnpm-lock.yaml',
    'pnpm-workspace.yaml',
    'package.json',
    'packages/contracts/package.json',
    'prisma/package.json',
    'streams/package.json',
    'web/package.json',
  ];
  for (const file of files) {
    const full = path.join(ROOT, file);
    hash.update(file);
    if (fs.existsSync(full)) hash.update(fs.readFileSync(full));
  }
  hash.update(process.env.PATH_NODE_VERSION || '');
  return hash.digest('hex');
}

function installWorkspace(env) {
  const stamp = path.join(ROOT, 'node_modules', '.billstream-install');
  const wanted = installHash();
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === wanted) return;
  const frozen = fs.existsSync(path.join(ROOT, 'pnpm-lock.yaml')) && process.env.CI ? ['--frozen-lockfile'] : [];
  log(`installing workspace dependencies (pnpm install ${frozen.join(' ')})`);
  run('pnpm', ['install', '--reporter=append-only', ...frozen], { env });
  fs.writeFileSync(stamp, installHash());
}

function main() {
  const [command = 'start', ...rest] = process.argv.slice(2);
  const pathParts = [];
  if (!versionAtLeast(process.version, NODE_MIN)) {
    log(`system Node ${process.version} is older than ${NODE_MIN.join('.')}; using Node ${NODE_VERSION}`);
    pathParts.push(provisionTool('node', 'node', NODE_VERSION, 'node'));
  }
  pathParts.push(provisionTool('pnpm', 'pnpm', PNPM_VERSION, 'pnpm'));
  pathParts.push(path.join(ROOT, 'node_modules', '.bin'));
  const env = {
    ...process.env,
    PATH: [...pathParts, process.env.PATH].join(path.delimiter),
    PATH_NODE_VERSION: NODE_VERSION,
    COREPACK_ENABLE_STRICT: '0',
  };
  const nodeVersion = spawnSync('node', ['--version'], { env, encoding: 'utf8' }).stdout.trim();
  if (!versionAtLeast(nodeVersion, NODE_MIN)) fail(`node on PATH is ${nodeVersion}, need >= 22.12`);
  installWorkspace(env);
  const child = spawn(
    'node',
    ['--disable-warning=TimeoutNegativeWarning', '--import', 'tsx', 'scripts/dev/main.ts', command, ...rest],
    { stdio: 'inherit', cwd: ROOT, env },
  );
  // The orchestrator owns shutdown; this wrapper only waits for it. Ctrl-C
  // reaches the whole foreground process group, so ignoring it here is enough.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main();
