import fs from 'node:fs';
import path from 'node:path';

/** Enough failures to diagnose a run; the full reports stay in .data/test. */
export const FAILURES_SHOWN_MAX = 20;
const MESSAGE_CHARS_MAX = 400;

interface VitestReport {
  readonly testResults?: ReadonlyArray<{
    readonly name: string;
    readonly status: string;
    readonly message?: string;
    readonly assertionResults: ReadonlyArray<{
      readonly fullName: string;
      readonly status: string;
      readonly failureMessages: readonly string[];
    }>;
  }>;
}

interface PlaywrightSuite {
  readonly file?: string;
  readonly specs?: ReadonlyArray<{
    readonly title: string;
    readonly line: number;
    readonly tests: ReadonlyArray<{
      readonly status: string;
      readonly results: ReadonlyArray<{
        readonly status: string;
        readonly errors?: ReadonlyArray<{ message?: string }>;
      }>;
    }>;
  }>;
  readonly suites?: readonly PlaywrightSuite[];
}

function firstLines(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colour codes
  const plain = text.replace(/\u001b\[[0-9;]*m/g, '').trim();
  const lines = plain.split('\n').slice(0, 3).join(' | ');
  return lines.length > MESSAGE_CHARS_MAX ? `${lines.slice(0, MESSAGE_CHARS_MAX)}…` : lines;
}

function vitestFailures(report: VitestReport): string[] {
  const failures: string[] = [];
  for (const file of report.testResults ?? []) {
    const name = path.relative(process.cwd(), file.name);
    const failed = file.assertionResults.filter((test) => test.status === 'failed');
    for (const test of failed)
      failures.push(`${name} › ${test.fullName}: ${firstLines(test.failureMessages[0] ?? '')}`);
    // A file that failed before any test ran (an import error, a failed hook) has no failed test.
    if (file.status === 'failed' && failed.length === 0)
      failures.push(`${name}: ${firstLines(file.message ?? 'failed')}`);
  }
  return failures;
}

function playwrightFailures(root: {
  suites?: readonly PlaywrightSuite[];
  errors?: ReadonlyArray<{ message?: string }>;
}): string[] {
  const failures = (root.errors ?? []).map((error) => `e2e: ${firstLines(error.message ?? '')}`);
  // Suites nest (file › describe › describe); walked with a stack, not recursion.
  const pending: PlaywrightSuite[] = [...(root.suites ?? [])];
  for (let suite = pending.pop(); suite; suite = pending.pop()) {
    pending.push(...(suite.suites ?? []));
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status !== 'unexpected') continue;
        const error = test.results.at(-1)?.errors?.[0]?.message ?? test.results.at(-1)?.status ?? '';
        failures.push(`${suite.file ?? ''}:${spec.line} › ${spec.title}: ${firstLines(error)}`);
      }
    }
  }
  return failures;
}

/** One line per failed test in a vitest or Playwright JSON report (none when the report is missing). */
export function failuresOf(reportPath: string): string[] {
  if (!fs.existsSync(reportPath)) return [];
  const json = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
  return json.stats ? playwrightFailures(json) : vitestFailures(json);
}
