// The house's boundaries, read from every import (static, dynamic, re-export)
// the TypeScript scanner finds:
// - contracts import no Nuxt, Kafka or Prisma, and nothing outside their package;
// - stream apps use the runtime and the engine only through their public modules;
// - the web app imports no server code.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Tracked and new (not ignored) files below `dir` whose names end in one of `extensions`. */
function filesUnder(dir: string, extensions: readonly string[]): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', dir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  // A file deleted from the work tree but not yet from the index has nothing to read.
  const deleted = new Set(
    execFileSync('git', ['ls-files', '--deleted', '--', dir], { cwd: ROOT, encoding: 'utf8' }).split('\n'),
  );
  return out
    .split('\n')
    .filter((file) => extensions.some((extension) => file.endsWith(extension)))
    .filter((file) => !deleted.has(file));
}

/** The script of a file: a .vue file's <script> blocks, any other file whole. */
function scriptOf(file: string): string {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  if (!file.endsWith('.vue')) return text;
  return [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]).join('\n');
}

/** Every module specifier a file imports, re-exports or imports dynamically. */
function importsOf(source: string): string[] {
  const info = ts.preProcessFile(source, true, true);
  return info.importedFiles.map((entry) => entry.fileName);
}

/** A relative specifier as a repository path; undefined for a package or alias. */
function resolved(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
}

interface Rule {
  readonly files: readonly string[];
  /** Why the import breaks the boundary, or undefined when it is fine. */
  readonly broken: (file: string, specifier: string) => string | undefined;
}

/** Every import that breaks the rule, as "file imports specifier (why)". */
function violations(rule: Rule): string[] {
  return rule.files.flatMap((file) =>
    importsOf(scriptOf(file)).flatMap((specifier) => {
      const why = rule.broken(file, specifier);
      return why === undefined ? [] : [`${file} imports ${specifier} (${why})`];
    }),
  );
}

const NUXT_KAFKA_PRISMA =
  /^(#[\w-]+|nuxt|nitropack|nitro|h3|vue|kafkajs|prisma|@billstream\/db|@platformatic\/kafka)(\/|$)|^@(nuxt|vue|confluentinc|prisma)\//;

function contractsBreak(file: string, specifier: string): string | undefined {
  if (NUXT_KAFKA_PRISMA.test(specifier)) return 'contracts import no Nuxt, Kafka or Prisma';
  const target = resolved(file, specifier);
  if (target !== undefined && !target.startsWith('packages/contracts/')) return 'outside packages/contracts';
  return undefined;
}

const APPS_DIR = 'streams/src/apps/';
const PUBLIC_MODULES = new Set(['streams/src/runtime/index.ts', 'streams/src/engine/index.ts']);

function appBreaks(file: string, specifier: string): string | undefined {
  const target = resolved(file, specifier);
  if (target === undefined || target.startsWith(APPS_DIR) || PUBLIC_MODULES.has(target)) return undefined;
  return 'stream apps use only streams/src/runtime/index.ts and streams/src/engine/index.ts';
}

// Nuxt's `~~` and `@@` name the web root, so these reach web/server without a relative path.
const SERVER_ALIASES = /^((~~|@@)\/server|#server)(\/|$)/;

function webAppBreaks(file: string, specifier: string): string | undefined {
  const target = resolved(file, specifier);
  if (SERVER_ALIASES.test(specifier) || target?.startsWith('web/server/')) return 'web/app imports no server code';
  return undefined;
}

describe('boundaries', () => {
  it('keeps Nuxt, Kafka and Prisma out of the contracts', () => {
    expect(violations({ files: filesUnder('packages/contracts', ['.ts']), broken: contractsBreak })).toEqual([]);
  });

  it('lets stream apps reach the runtime and the engine only through their public modules', () => {
    expect(violations({ files: filesUnder('streams/src/apps', ['.ts']), broken: appBreaks })).toEqual([]);
  });

  it('keeps server code out of the web app', () => {
    expect(violations({ files: filesUnder('web/app', ['.ts', '.vue']), broken: webAppBreaks })).toEqual([]);
  });

  it('sees the imports each rule forbids', () => {
    const source =
      "import type { X } from 'kafkajs';\nexport * from '../../web/a';\nconst m = await import('@prisma/client');";
    expect(importsOf(source)).toEqual(['kafkajs', '../../web/a', '@prisma/client']);
    expect(contractsBreak('packages/contracts/src/a.ts', 'kafkajs')).toBeDefined();
    expect(contractsBreak('packages/contracts/src/a.ts', '#imports')).toBeDefined();
    expect(contractsBreak('packages/contracts/src/a.ts', '@prisma/client')).toBeDefined();
    expect(contractsBreak('packages/contracts/src/a.ts', '@billstream/db')).toBeDefined();
    expect(contractsBreak('packages/contracts/src/a.ts', '../../../prisma/src/client.ts')).toBeDefined();
    expect(contractsBreak('packages/contracts/src/a.ts', 'zod')).toBeUndefined();
    expect(appBreaks('streams/src/apps/x/a.ts', '../../runtime/kafka/viewSink.ts')).toBeDefined();
    expect(appBreaks('streams/src/apps/x/a.ts', '../../runtime/index.ts')).toBeUndefined();
    expect(appBreaks('streams/src/apps/x/a.ts', '../y/b.ts')).toBeUndefined();
    expect(webAppBreaks('web/app/pages/a.vue', '../../server/utils/db')).toBeDefined();
    expect(webAppBreaks('web/app/pages/a.vue', '~~/server/utils/db')).toBeDefined();
    expect(webAppBreaks('web/app/pages/a.vue', '#shared/types/listQuery')).toBeUndefined();
  });
});
