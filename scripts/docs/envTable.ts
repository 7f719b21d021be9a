import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { code, table } from './markdown.ts';
import { ROOT, SOURCE_FILES } from './sources.ts';

/** The code that runs the product: where configuration is read. Tests, benchmarks and e2e specs are not scanned. */
const CODE_DIRS = ['scripts', 'streams/src', 'web/server', 'web/shared', 'web/app', 'prisma/src', 'packages'];
const CODE_FILES = ['web/nuxt.config.ts'];
const SKIPPED = /(^|\/)(node_modules|generated|\.nuxt|\.output)(\/|$)|\.(test|spec)\.ts$|^scripts\/docs\//;
const SOURCE_EXTENSIONS = /\.(ts|cjs|mjs|vue)$/;
/** Read by the code but not Billstream's configuration: the shell's and the toolchain's own. */
const NOT_CONFIGURATION = new Set(['PATH', 'HOME', 'CI', 'PATH_NODE_VERSION', 'BILLSTREAM_PARENT_PID']);

/** How code reads a variable: `env.NAME`, `env?.NAME`, `env['NAME']`, or the name as a string constant. */
const READS = [
  /\benv\??\.([A-Z][A-Z0-9_]{2,})\b/g,
  /\benv\[\s*['"`]([A-Z][A-Z0-9_]{2,})['"`]\s*\]/g,
  /\b(?:get|pick|required)\((?:env,\s*)?['"`]([A-Z][A-Z0-9_]{2,})['"`]/g,
  /\benv:\s*['"`]([A-Z][A-Z0-9_]{2,})['"`]/g,
  /_ENV\s*=\s*['"`]([A-Z][A-Z0-9_]{2,})['"`]/g,
];

function codeFiles(): string[] {
  const listed = CODE_DIRS.flatMap((dir) =>
    readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' }).map(
      (file) => `${dir}/${file.split(path.sep).join('/')}`,
    ),
  );
  return [...listed, ...CODE_FILES].filter((file) => SOURCE_EXTENSIONS.test(file) && !SKIPPED.test(file)).sort();
}

/** Every variable the code reads, with the files that read it. */
export function variablesReadByCode(): Map<string, string[]> {
  const readers = new Map<string, string[]>();
  for (const file of codeFiles()) {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const names = new Set(READS.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]!)));
    for (const name of names) {
      if (NOT_CONFIGURATION.has(name)) continue;
      readers.set(name, [...(readers.get(name) ?? []), file]);
    }
  }
  return readers;
}

export interface ExampleEntry {
  readonly name: string;
  readonly value: string;
  readonly comment: string;
}

/** `.env.example`'s variables, each with the comment block above it (a block shared by adjacent lines). */
export function envExample(): ExampleEntry[] {
  const entries: ExampleEntry[] = [];
  let comment: string[] = [];
  let lastWasVariable = false;
  for (const line of readFileSync(path.join(ROOT, SOURCE_FILES.envExample), 'utf8').split('\n')) {
    const variable = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (variable) {
      entries.push({ name: variable[1]!, value: variable[2]!, comment: comment.join(' ') });
      lastWasVariable = true;
    } else if (line.startsWith('#')) {
      if (lastWasVariable || line.trim() === '#') comment = [];
      comment.push(line.replace(/^#\s?/, ''));
      lastWasVariable = false;
    } else {
      comment = [];
      lastWasVariable = false;
    }
  }
  return entries;
}

function readersCell(files: readonly string[], fromDoc: string): string {
  return files.map((file) => `[${file}](${fromDoc}${file})`).join(', ');
}

/**
 * `.env.example`'s variables that the code reads (default, meaning, readers);
 * `fromDoc` is the link prefix from the doc's folder to the repository root.
 */
export function envTable(fromDoc: string): string {
  const readers = variablesReadByCode();
  const rows = envExample()
    .filter((entry) => readers.has(entry.name))
    .map((entry) => [
      code(entry.name),
      entry.value === '' ? '*(empty)*' : code(entry.value),
      entry.comment,
      readersCell(readers.get(entry.name)!, fromDoc),
    ]);
  return table(['Variable', 'Default', 'Meaning (from `.env.example`)', 'Read in'], rows);
}

/** Variables the code reads that `.env.example` does not set (test, benchmark and tuning switches). */
export function otherEnvTable(fromDoc: string): string {
  const documented = new Set(envExample().map((entry) => entry.name));
  const rows = [...variablesReadByCode()]
    .filter(([name]) => !documented.has(name))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, files]) => [code(name), readersCell(files, fromDoc)]);
  return table(['Variable', 'Read in'], rows);
}

/** `.env.example` entries no code reads: the drift test reports them. */
export function unreadExampleVariables(): string[] {
  const readers = variablesReadByCode();
  return envExample()
    .map((entry) => entry.name)
    .filter((name) => !readers.has(name));
}
