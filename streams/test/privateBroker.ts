import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ensureKafkaJars, kafkaClusterId } from '../../scripts/dev/kafka.ts';
import { freePorts } from './sumsHarness.ts';

const BROKER_READY_ATTEMPTS_MAX = 300;

/**
 * A single-node Apache Kafka of the test's own, from the jars `npm test`
 * already resolved, so a test can kill -9 it without taking down the broker
 * every other test uses.
 */
export class PrivateBroker {
  readonly port: number;
  readonly brokers: string[];
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'billstream-broker-'));
  private child: ChildProcess | null = null;

  /** A port p with p + 1 also free: the broker listens on p, its controller on p + 1. */
  static async freePortPair(): Promise<number> {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const [port] = (await freePorts(1)) as [number];
      const free = await new Promise<boolean>((resolve) => {
        const server = net.createServer();
        server.once('error', () => resolve(false));
        server.listen(port + 1, '127.0.0.1', () => server.close(() => resolve(true)));
      });
      if (free) return port;
    }
    throw new Error('no free pair of ports');
  }

  constructor(port: number) {
    this.port = port;
    this.brokers = [`127.0.0.1:${port}`];
  }

  private get classpath(): string {
    // The shared broker may be one this run reused, so the jars may not be here yet.
    return `${ensureKafkaJars(process.env.KAFKA_VERSION ?? '4.1.1')}/*`;
  }

  async start(): Promise<void> {
    const props = path.join(this.dir, 'server.properties');
    if (!fs.existsSync(props)) {
      fs.writeFileSync(
        props,
        [
          'process.roles=broker,controller',
          'node.id=1',
          `controller.quorum.voters=1@127.0.0.1:${this.port + 1}`,
          `listeners=PLAINTEXT://127.0.0.1:${this.port},CONTROLLER://127.0.0.1:${this.port + 1}`,
          `advertised.listeners=PLAINTEXT://127.0.0.1:${this.port}`,
          'controller.listener.names=CONTROLLER',
          'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
          `log.dirs=${path.join(this.dir, 'data')}`,
          'offsets.topic.replication.factor=1',
          'transaction.state.log.replication.factor=1',
          'transaction.state.log.min.isr=1',
          'group.initial.rebalance.delay.ms=0',
          'auto.create.topics.enable=false',
          '',
        ].join('\n'),
      );
      const format = spawnSync(
        'java',
        ['-cp', this.classpath, 'kafka.tools.StorageTool', 'format', '-t', kafkaClusterId(), '-c', props],
        { encoding: 'utf8' },
      );
      if (format.status !== 0) throw new Error(`formatting the private broker failed: ${format.stderr}`);
    }
    const log = fs.openSync(path.join(this.dir, 'broker.log'), 'a');
    this.child = spawn('java', ['-Xmx256m', '-Xms256m', '-cp', this.classpath, 'kafka.Kafka', props], {
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    await this.waitReady();
  }

  private async waitReady(): Promise<void> {
    for (let attempt = 0; attempt < BROKER_READY_ATTEMPTS_MAX; attempt += 1) {
      const admin = new Kafka({ brokers: this.brokers, logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
      const ok = await admin
        .connect()
        .then(() => admin.describeCluster())
        .then(
          () => true,
          () => false,
        );
      await admin.disconnect().catch(() => {});
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`private broker on ${this.port} did not start; see ${this.dir}/broker.log`);
  }

  /** kill -9: no clean shutdown, no flush beyond what the OS has. */
  crash(): void {
    this.child?.kill('SIGKILL');
    this.child = null;
  }

  async stop(): Promise<void> {
    this.crash();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
