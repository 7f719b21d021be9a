import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { docFiles } from './docFiles.ts';
import { anchorsOf, brokenReason, linksOf, slug } from './links.ts';
import { ROOT } from './sources.ts';

describe('links in README.md, docs/ and bench/README.md', () => {
  it('all resolve to an existing file and heading', () => {
    const broken = docFiles().flatMap((file) =>
      linksOf(file, readFileSync(path.join(ROOT, file), 'utf8')).flatMap((link) => {
        const reason = brokenReason(link);
        return reason === null ? [] : [`${link.file}:${link.line} (${link.target}): ${reason}`];
      }),
    );
    expect(broken).toEqual([]);
  });

  it('are found outside code, and anchors follow GitHub', () => {
    const text = 'See [a](docs/a.md#x) and `[b](nope.md)`\n```\n[c](nope.md)\n```\n[d](https://example.com)';
    expect(linksOf('README.md', text).map((link) => link.target)).toEqual(['docs/a.md#x']);
    expect(slug('Kafka cluster and database')).toBe('kafka-cluster-and-database');
    expect(slug('`npm start`: what it does')).toBe('npm-start-what-it-does');
    expect([...anchorsOf('# A\n## A\n```\n# not a heading\n```')]).toEqual(['a', 'a-1']);
  });

  it('report a missing file and a missing heading', () => {
    expect(brokenReason({ file: 'README.md', line: 1, target: 'docs/no-such-page.md' })).toMatch(/does not exist/);
    expect(brokenReason({ file: 'README.md', line: 1, target: '#no-such-heading' })).toMatch(/has no heading/);
  });
});
