// Every topic the code creates or produces to is in the registry
// (packages/contracts/src/topics.ts) or named by its one rule for the topics a
// stream app makes for itself (internalTopicName).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  internalTopicName,
  isInternalTopicOf,
  PROOF_TOPICS,
  TOPIC_LIST,
  type TopicSpec,
  topicName,
} from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { APPS } from './apps/index.ts';
import type { RuntimeConfig } from './runtime/config.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PREFIX = 't1.';
const REGISTERED: readonly TopicSpec[] = [...TOPIC_LIST, ...Object.values(PROOF_TOPICS)];

const config: RuntimeConfig = {
  kafkaBrokers: ['127.0.0.1:9092'],
  topicPrefix: PREFIX,
  databaseUrl: 'postgres://unused',
  redisUrl: 'redis://unused',
  httpPort: 0,
  httpHost: '127.0.0.1',
  logLevel: 'silent',
};

/** The topics of one app that are neither registered nor named by the internal-topic rule. */
function unregistered(appName: string, topics: readonly string[]): string[] {
  const registered = new Set(REGISTERED.map((spec) => topicName(spec, PREFIX)));
  const appId = `${PREFIX}${appName}`;
  return topics.filter((topic) => !registered.has(topic) && !isInternalTopicOf(appId, topic));
}

/**
 * Source lines outside the registry that spell a topic name as a literal
 * (a name ending the way topic names end), as "path:line: text"; comments
 * and tests are not code that creates or produces.
 */
function literalTopicNames(): string[] {
  const suffix = '(events|commands|gateway-requests|dlq|input|output|changelog|repartition|view)';
  const pattern = `['"\`][a-zA-Z0-9\${}._-]*-${suffix}['"\`]`;
  const paths = ['streams/src', 'web/server', 'scripts', 'prisma/src', 'bench', 'packages'];
  // The DSL names a repartition topic before the app id is known; the topology resolves
  // it to internalTopicName(appId, 'repartition', …), which the first test checks.
  const exempt = [':!*.test.ts', ':!*.md', ':!packages/contracts/src/topics.ts', ':!streams/src/engine/dsl/kstream.ts'];
  try {
    const out = execFileSync('git', ['grep', '-n', '-I', '-E', pattern, '--', ...paths, ...exempt], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    return out.split('\n').filter((line) => line !== '' && !/^[^:]+:\d+:\s*(\/\/|\*|\/\*)/.test(line));
  } catch (error) {
    // git grep exits 1 when nothing matches.
    if ((error as { status?: number }).status === 1) return [];
    throw error;
  }
}

describe('topic registry', () => {
  const apps = Object.values(APPS);

  it('lists every topic each stream app reads, writes or creates, or names it by the internal rule', () => {
    for (const app of apps) {
      expect(app.topicNames, `${app.name} says which topics it uses`).toBeTypeOf('function');
      const topics = app.topicNames?.(config) ?? [];
      expect(topics.length, app.name).toBeGreaterThan(0);
      expect(unregistered(app.name, topics), app.name).toEqual([]);
    }
  });

  it("registers every app's dead-letter topic, so it exists before the app first needs it", () => {
    const names = new Set(REGISTERED.map((spec) => spec.name));
    for (const app of apps) expect(names, app.name).toContain(internalTopicName(app.name, 'dlq'));
  });

  it('fails an app topic that is neither registered nor internal', () => {
    expect(unregistered('ledger', [`${PREFIX}ledger-balances-changelog`, `${PREFIX}ledger-dlq`])).toEqual([]);
    expect(unregistered('ledger', [`${PREFIX}ledger-audit`, `${PREFIX}billing-x-changelog`])).toEqual([
      `${PREFIX}ledger-audit`,
      `${PREFIX}billing-x-changelog`,
    ]);
  });

  it('has no topic name spelled as a literal outside the registry', () => {
    expect(literalTopicNames()).toEqual([]);
  });
});
