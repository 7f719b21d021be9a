/**
 * `npm run docs`: rewrites the generated tables (topics, permissions,
 * endpoints, environment variables) in README.md, docs/ and bench/README.md
 * from the code. scripts/docs/drift.test.ts fails when they differ.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { docStates } from './generated.ts';
import { ROOT } from './sources.ts';

let changed = 0;
for (const state of docStates()) {
  if (state.generated === state.committed) continue;
  writeFileSync(path.join(ROOT, state.file), state.generated);
  changed += 1;
  console.log(`updated ${state.file}`);
}
console.log(changed === 0 ? 'docs: generated tables are current' : `docs: ${changed} file(s) updated`);
