import { describe, expect, it } from 'vitest';
import { unreadExampleVariables } from './envTable.ts';
import { docStates, renderBlocks } from './generated.ts';
import { cell, retention } from './markdown.ts';

describe('generated doc tables', () => {
  it('match the code (run `npm run docs` to regenerate them)', () => {
    const stale = docStates()
      .filter((state) => state.generated !== state.committed)
      .map((state) => state.file);
    expect(stale, 'these docs restate code that has changed: run `npm run docs` and commit the result').toEqual([]);
  });

  it('exist: the topics, permissions, endpoints and environment tables are generated somewhere', () => {
    const blocks = docStates().flatMap((state) =>
      [...state.committed.matchAll(/<!-- generated:([a-z-]+)/g)].map((m) => m[1]),
    );
    expect(new Set(blocks)).toEqual(
      new Set(['topics', 'runtime-topics', 'permissions', 'endpoints', 'env', 'env-other']),
    );
  });

  it('rewrite only what lies between the markers', () => {
    const doc = 'before\n<!-- generated:permissions -->\nstale\n<!-- /generated:permissions -->\nafter\n';
    const rendered = renderBlocks(doc, 'docs/x.md');
    expect(rendered.startsWith('before\n<!-- generated:permissions -->\n| Permission |')).toBe(true);
    expect(rendered.endsWith('\n<!-- /generated:permissions -->\nafter\n')).toBe(true);
    expect(rendered).not.toContain('stale');
  });

  it('refuse a block they do not know', () => {
    expect(() => renderBlocks('<!-- generated:nope -->\n<!-- /generated:nope -->', 'docs/x.md')).toThrow(
      /unknown generated block/,
    );
  });

  it('document no variable that no code reads', () => {
    expect(unreadExampleVariables(), '.env.example sets variables no code reads').toEqual([]);
  });

  it('keep each cell on one line and its placeholders visible', () => {
    expect(cell('a|b\n  <kind>:<id> `<code>`')).toBe('a\\|b &lt;kind>:&lt;id> `<code>`');
    expect([retention(-1), retention(86_400_000), retention(7 * 86_400_000), retention(1_500)]).toEqual([
      'forever',
      '1 day',
      '7 days',
      '1500 ms',
    ]);
  });
});
