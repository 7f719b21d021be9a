import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { docFiles } from './docFiles.ts';
import { linksOf } from './links.ts';
import { processorApps, ROOT } from './sources.ts';

/** The ceiling for the front door. */
const README_LINES_MAX = 200;
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const diagrams = [...readme.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((match) => match[1]!);

/** Node ids declared with a shape (`id[...]`, `id([...])`, `id[(...)]`, `id{...}`), one entry per declaration. */
function declaredNodes(diagram: string): string[] {
  const withoutLabels = diagram.replace(/\|[^|]*\|/g, ' ');
  return [...withoutLabels.matchAll(/(?:^|[\s>-])([A-Za-z][\w]*)\s*[[({]/gm)].map((match) => match[1]!);
}

describe('README', () => {
  it(`stays a front door of at most ${README_LINES_MAX} lines that shows the two commands`, () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(README_LINES_MAX);
    expect(readme).toContain('npm start');
    expect(readme).toContain('npm test');
  });

  it('has one diagram, declaring each node once and drawing every processor app', () => {
    expect(diagrams).toHaveLength(1);
    const nodes = declaredNodes(diagrams[0]!);
    expect(nodes.filter((node, index) => nodes.indexOf(node) !== index)).toEqual([]);
    for (const app of processorApps()) expect(diagrams[0]).toMatch(new RegExp(`\\[${app.name}[\\]<]`));
  });

  it('links every docs page, so any behaviour is within two links of the diagram', () => {
    const linked = new Set(linksOf('README.md', readme).map((link) => link.target.split('#')[0]));
    const pages = docFiles().filter((file) => file.startsWith('docs/'));
    expect(pages.filter((page) => !linked.has(page))).toEqual([]);
  });

  it('is linked back from every docs page', () => {
    const pages = docFiles().filter((file) => file.startsWith('docs/'));
    const orphans = pages.filter((page) => {
      const text = readFileSync(path.join(ROOT, page), 'utf8');
      return !linksOf(page, text).some((link) => link.target.split('#')[0] === '../README.md');
    });
    expect(orphans).toEqual([]);
  });
});
