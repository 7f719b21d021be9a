import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { failuresOf } from './testReport.ts';

function report(json: unknown): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'report-')), 'report.json');
  fs.writeFileSync(file, JSON.stringify(json));
  return file;
}

describe('failuresOf', () => {
  it('names each failed vitest test with the first lines of its error, and files that failed with no test', () => {
    const file = report({
      testResults: [
        {
          name: path.join(process.cwd(), 'web/test/a.int.test.ts'),
          status: 'failed',
          assertionResults: [
            { fullName: 'a passes', status: 'passed', failureMessages: [] },
            {
              fullName: 'a fails',
              status: 'failed',
              failureMessages: ['\u001b[31mAssertionError: expected 1 to be 2\u001b[39m\n    at x'],
            },
          ],
        },
        {
          name: path.join(process.cwd(), 'web/test/b.int.test.ts'),
          status: 'failed',
          message: 'Hook timed out',
          assertionResults: [],
        },
      ],
    });
    expect(failuresOf(file)).toEqual([
      'web/test/a.int.test.ts › a fails: AssertionError: expected 1 to be 2 |     at x',
      'web/test/b.int.test.ts: Hook timed out',
    ]);
  });

  it('walks nested Playwright suites and names only unexpected results', () => {
    const spec = (title: string, status: string) => ({
      title,
      line: 7,
      tests: [{ status, results: [{ status: 'failed', errors: [{ message: `${title} broke` }] }] }],
    });
    const file = report({
      stats: { expected: 1, unexpected: 1, flaky: 0 },
      errors: [],
      suites: [
        {
          file: 'pay.spec.ts',
          specs: [spec('ok', 'expected')],
          suites: [{ file: 'pay.spec.ts', specs: [spec('deep', 'unexpected')] }],
        },
      ],
    });
    expect(failuresOf(file)).toEqual(['pay.spec.ts:7 › deep: deep broke']);
  });

  it('has nothing to say of a missing report', () => {
    expect(failuresOf(path.join(os.tmpdir(), 'no-such-report.json'))).toEqual([]);
  });
});
