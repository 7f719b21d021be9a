import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
// Applied migrations are history: Prisma checksums them, so their comments stay as written.
const EXEMPT = [':!prisma/migrations', ':!scripts/house/spelling.test.ts'];

/** Every tracked file that spells a word the house spells otherwise, as "path:line: text". */
function misspelled(pattern: string): string[] {
  try {
    const out = execFileSync('git', ['grep', '-n', '-i', '-I', '-E', pattern, '--', '.', ...EXEMPT], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    return out.split('\n').filter(Boolean);
  } catch (error) {
    // git grep exits 1 when nothing matches.
    if ((error as { status?: number }).status === 1) return [];
    throw error;
  }
}

describe('one spelling', () => {
  it('says "organization" in code, docs and UI text', () => {
    expect(misspelled('organis(e|a|ing)')).toEqual([]);
  });
});
