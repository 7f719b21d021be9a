import fs from 'node:fs';
import { ROOT } from './config.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileRow {
  readonly name: string;
  readonly selfMs: number;
  /** Share of non-idle samples. */
  readonly percent: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly idleMs: number;
  readonly functions: ProfileRow[];
  readonly areas: ProfileRow[];
}

/** Where a script lives, short: package name for dependencies, repo path for ours. */
function place(url: string): string {
  if (!url) return '';
  const file = url.replace(/^file:\/\//, '');
  const dependency = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(file);
  if (dependency) return `${dependency[1]}/${dependency[2]}`;
  return file.startsWith(ROOT) ? file.slice(ROOT.length + 1) : file;
}

function area(frame: ProfileNode['callFrame']): string {
  const { functionName, url } = frame;
  if (functionName === '(idle)') return '(idle)';
  if (functionName === '(garbage collector)') return 'garbage collector';
  if (functionName === '(program)') return '(program: V8/native, unattributed)';
  if (!url) return `native/builtin`;
  if (url.startsWith('node:')) return 'node core (net, streams, buffers, timers)';
  const where = place(url);
  const dependency = /^((?:@[^/]+\/)?[^/]+)\//.exec(where);
  if (url.includes('node_modules') && dependency) return dependency[1]!;
  if (where.startsWith('streams/src/engine')) return 'engine (streams/src/engine)';
  if (where.startsWith('streams/src/runtime')) return 'runtime (streams/src/runtime)';
  if (where.startsWith('streams/src/apps')) return 'sums app';
  if (where.startsWith('packages/contracts')) return '@billstream/contracts';
  return where;
}

/** Self time per function and per area (package / layer) of a V8 .cpuprofile. */
export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    totalUs += us;
    if (frame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    // Line numbers of tsx-compiled .ts files point into generated code; only keep them for .js.
    const line = frame.url && !frame.url.endsWith('.ts') ? `:${frame.lineNumber + 1}` : '';
    const name = `${frame.functionName || '(anonymous)'} ${place(frame.url)}${line}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + us);
    const group = area(frame);
    areas.set(group, (areas.get(group) ?? 0) + us);
  }
  const busyUs = Math.max(1, totalUs - idleUs);
  const rows = (map: Map<string, number>, limit: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, us]) => ({ name, selfMs: us / 1000, percent: (100 * us) / busyUs }));
  return { totalMs: totalUs / 1000, idleMs: idleUs / 1000, functions: rows(functions, top), areas: rows(areas, 12) };
}
