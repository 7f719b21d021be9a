import { readFileSync } from 'node:fs';
import path from 'node:path';
import { endpointsTable, permissionsTable } from './accessTables.ts';
import { docFiles, toRoot } from './docFiles.ts';
import { envTable, otherEnvTable } from './envTable.ts';
import { ROOT } from './sources.ts';
import { runtimeTopicsTable, topicsTable } from './topicsTable.ts';

/**
 * A generated block: `<!-- generated:NAME args -->` … `<!-- /generated:NAME -->`.
 * Everything between the two comments belongs to the generator.
 */
const BLOCK = /(<!-- generated:([a-z-]+)((?: [^\s>]+)*) -->\n)([\s\S]*?)(<!-- \/generated:\2 -->)/g;

const OPENING = '<!-- generated:';

type Renderer = (args: readonly string[], docFile: string) => string;

const RENDERERS: Readonly<Record<string, Renderer>> = {
  topics: () => topicsTable(),
  'runtime-topics': () => runtimeTopicsTable(),
  permissions: () => permissionsTable(),
  // Arguments are path prefixes: `<!-- generated:endpoints /api/v1/invoices -->`; none lists every endpoint.
  endpoints: (args) => endpointsTable(args),
  env: (_args, docFile) => envTable(toRoot(docFile)),
  'env-other': (_args, docFile) => otherEnvTable(toRoot(docFile)),
};

/** `text` with every generated block rendered afresh from the code. */
export function renderBlocks(text: string, docFile: string): string {
  return text.replace(BLOCK, (_all, open: string, name: string, args: string, _old: string, close: string) => {
    const render = RENDERERS[name];
    if (!render)
      throw new Error(`${docFile}: unknown generated block "${name}" (known: ${Object.keys(RENDERERS).join(', ')})`);
    const rendered = render(args.trim() === '' ? [] : args.trim().split(' '), docFile);
    return `${open}${rendered}\n${close}`;
  });
}

export interface DocState {
  readonly file: string;
  readonly committed: string;
  readonly generated: string;
}

/** Every doc with generated blocks, as it is on disk and as the generator would write it. */
export function docStates(): DocState[] {
  return docFiles()
    .map((file) => {
      const committed = readFileSync(path.join(ROOT, file), 'utf8');
      return { file, committed, generated: renderBlocks(committed, file) };
    })
    .filter((state) => state.committed.includes(OPENING));
}
