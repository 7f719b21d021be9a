// No source file over 400 lines: a longer file hides more than one idea, and
// a newcomer reads a file whole. Generated code, the Prisma schema and the
// migrations are exempt: nobody splits those by hand.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCE_LINES_MAX = 400;
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs|vue|java|sql|sh|py)$/;
const EXEMPT = [/(^|\/)generated\//, /^prisma\/schema\.prisma$/, /^prisma\/migrations\//];

/** Tracked and new (not ignored) source files that are not exempt. */
function sourceFiles(): string[] {
  const list = (...args: string[]) =>
    execFileSync('git', ['ls-files', ...args], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
  const deleted = new Set(list('--deleted'));
  return list('--cached', '--others', '--exclude-standard').filter(
    (file) => SOURCE.test(file) && !deleted.has(file) && !EXEMPT.some((pattern) => pattern.test(file)),
  );
}

function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

describe('file size', () => {
  it(`keeps every source file at ${SOURCE_LINES_MAX} lines or fewer`, () => {
    const tooLong = sourceFiles()
      .map((file) => ({ file, lines: lineCount(readFileSync(path.join(ROOT, file), 'utf8')) }))
      .filter(({ lines }) => lines > SOURCE_LINES_MAX)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(tooLong).toEqual([]);
  });

  it('counts lines as wc -l does, and exempts only what it names', () => {
    expect(lineCount('a\nb\n')).toBe(2);
    expect(lineCount('a\nb')).toBe(2);
    expect(EXEMPT.some((pattern) => pattern.test('prisma/migrations/1_init/migration.sql'))).toBe(true);
    expect(EXEMPT.some((pattern) => pattern.test('prisma/generated/client.ts'))).toBe(true);
    expect(EXEMPT.some((pattern) => pattern.test('prisma/src/schema-shape.ts'))).toBe(false);
  });
});
