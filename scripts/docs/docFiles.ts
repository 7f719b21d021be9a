import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './sources.ts';

/** The documentation the generator fills and the link test checks, relative to the repository root. */
export function docFiles(): string[] {
  const docs = readdirSync(path.join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .map((file) => `docs/${file.split(path.sep).join('/')}`)
    .filter((file) => file.endsWith('.md'));
  return ['README.md', 'bench/README.md', ...docs.sort()];
}

/** The link prefix from a doc's folder back to the repository root ('' for README.md, '../' for docs/x.md). */
export function toRoot(docFile: string): string {
  const depth = docFile.split('/').length - 1;
  return '../'.repeat(depth);
}
