import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { Config } from './config.ts';
import { ROOT } from './config.ts';
import { say } from './log.ts';
import { hostPort, isLocalHost, tcpAnswers } from './net.ts';
import { commandPath, runChecked, startProcess, waitFor } from './procs.ts';

// Generous: a broker recovering many topics on a busy 2-core machine has taken over 90 s.
const KAFKA_READY_TIMEOUT_MS = 180_000;
const KAFKA_STOP_TIMEOUT_MS = 30_000;

export async function kafkaAnswers(brokers: string[]): Promise<boolean> {
  const first = hostPort(brokers[0]!, 9092);
  if (!(await tcpAnswers(first.host, first.port))) return false;
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING, retry: { retries: 1 } }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/** Resolves the broker's jars from Maven Central once into .cache/kafka/<version>/lib. */
export function ensureKafkaJars(version: string): string {
  const libDir = path.join(ROOT, '.cache', 'kafka', version, 'lib');
  const marker = path.join(libDir, '.complete');
  if (fs.existsSync(marker)) return libDir;
  if (!commandPath('java'))
    throw new Error('java not found: install a JDK 17+ (apt-get install -y openjdk-17-jre-headless)');
  if (!commandPath('mvn')) throw new Error('mvn not found: install Maven (apt-get install -y maven)');
  say(`resolving Apache Kafka ${version} jars from Maven Central into ${path.relative(ROOT, libDir)}`);
  fs.mkdirSync(libDir, { recursive: true });
  runChecked(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      path.join(ROOT, 'infra', 'kafka', 'pom.xml'),
      `-Dkafka.version=${version}`,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${libDir}`,
      '-DincludeScope=runtime',
    ],
    { cwd: ROOT },
  );
  fs.writeFileSync(marker, new Date().toISOString());
  return libDir;
}

function serverProperties(dataDir: string, host: string, port: number): string {
  const controllerPort = port + 1;
  return [
    '# Written by scripts/dev/kafka.ts on every start; edit that file instead.',
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${host}:${controllerPort}`,
    `listeners=PLAINTEXT://${host}:${port},CONTROLLER://${host}:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://${host}:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${path.join(dataDir, 'data')}`,
    // One node: internal topics cannot have more replicas than brokers.
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'min.insync.replicas=1',
    'default.replication.factor=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    'num.partitions=1',
    'log.retention.check.interval.ms=300000',
    '',
  ].join('\n');
}

const LOG4J2 = `Configuration:
  Appenders:
    Console:
      name: STDOUT
      PatternLayout:
        pattern: "[%d] %p %m (%c)%n"
  Loggers:
    Logger:
      - name: kafka.request.logger
        level: WARN
    Root:
      level: INFO
      AppenderRef:
        - ref: STDOUT
`;

/** Reuses a broker that answers; otherwise starts a private single-node KRaft broker. */
export async function ensureKafka(config: Config): Promise<'reused' | 'started'> {
  if (await kafkaAnswers(config.kafkaBrokers)) return 'reused';
  const { host, port } = hostPort(config.kafkaBrokers[0]!, 9092);
  if (!isLocalHost(host)) throw new Error(`Kafka at ${config.kafkaBrokers.join(',')} does not answer`);
  const libDir = ensureKafkaJars(config.kafkaVersion);
  const dataDir = path.join(config.dataDir, 'kafka');
  fs.mkdirSync(dataDir, { recursive: true });
  const propsFile = path.join(dataDir, 'server.properties');
  fs.writeFileSync(propsFile, serverProperties(dataDir, host, port));
  fs.writeFileSync(path.join(dataDir, 'log4j2.yaml'), LOG4J2);
  const classpath = `${libDir}/*`;
  if (!fs.existsSync(path.join(dataDir, 'data', 'meta.properties'))) {
    const clusterId = kafkaClusterId();
    say(`formatting Kafka storage in ${path.relative(ROOT, dataDir)} (cluster ${clusterId})`);
    runChecked('java', ['-cp', classpath, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', propsFile], {
      cwd: ROOT,
    });
  }
  const logFile = path.join(dataDir, 'broker.log');
  say(`starting Apache Kafka ${config.kafkaVersion} (KRaft) on ${host}:${port}; log: ${path.relative(ROOT, logFile)}`);
  startProcess(
    'kafka',
    'java',
    [
      `-Xmx${config.kafkaHeapMax}`,
      `-Xms${config.kafkaHeapMax}`,
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${path.join(dataDir, 'log4j2.yaml')}`,
      `-Dkafka.logs.dir=${dataDir}`,
      '-cp',
      classpath,
      'kafka.Kafka',
      propsFile,
    ],
    { cwd: ROOT, env: { ...process.env } as Record<string, string>, logFile, stopTimeoutMs: KAFKA_STOP_TIMEOUT_MS },
  );
  await waitFor('Kafka', () => kafkaAnswers(config.kafkaBrokers), KAFKA_READY_TIMEOUT_MS);
  return 'started';
}

/**
 * A random cluster id for `kafka-storage format -t`: 16 random bytes in
 * base64url, never starting with '-' (the tool would read it as an option and
 * fail; Kafka's own Uuid.randomUuid redraws the same way), so 1 start in 64
 * no longer fails.
 */
export function kafkaClusterId(): string {
  for (;;) {
    const id = crypto.randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
