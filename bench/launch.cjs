#!/usr/bin/env node
// `pnpm bench:<name>` entry: `node bench/launch.cjs <name>` runs bench/<name>/run.ts with Node >= 22.12 (the
// project-local .tools/node that scripts/bootstrap.cjs provisions when the
// system Node is older) and tsx. Plain CommonJS so any Node can start it.
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const [name, ...args] = process.argv.slice(2);
if (!name || !fs.existsSync(path.join(__dirname, name, 'run.ts'))) {
  console.error('usage: node bench/launch.cjs <streams|api|e2e> [args]');
  process.exit(2);
}
/** The project-local node and pnpm (scripts/bootstrap.cjs) and the workspace's bins: the web build runs pnpm. */
function toolBins() {
  const bins = [
    path.join(ROOT, '.tools', 'node', 'node_modules', '.bin'),
    path.join(ROOT, '.tools', 'pnpm', 'node_modules', '.bin'),
  ].filter((dir) => fs.existsSync(dir));
  return [...bins, path.join(ROOT, 'node_modules', '.bin')];
}
const [major, minor] = process.versions.node.split('.').map(Number);
const local = path.join(ROOT, '.tools', 'node', 'node_modules', '.bin', 'node');
const node = major > 22 || (major === 22 && minor >= 12) || !fs.existsSync(local) ? process.execPath : local;
const child = spawn(
  node,
  ['--disable-warning=TimeoutNegativeWarning', '--import', 'tsx', path.join(__dirname, name, 'run.ts'), ...args],
  {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, PATH: [...toolBins(), process.env.PATH].join(path.delimiter) },
  },
);
// run.ts cleans up on SIGINT itself; the whole process group gets Ctrl-C.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
