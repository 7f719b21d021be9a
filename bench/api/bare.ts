/**
 * The bare handler of `pnpm bench:api`: node:http, no framework, no auth, no
 * idempotency store, no rate limit. It does what POST /api/v1/transactions
 * must do at the least: validate the Idempotency-Key header and the body
 * with the same zod schemas, build the same TransactionRequested record
 * (the web app's own builder) and produce it with acks=all through a KafkaJS
 * producer configured like the web app's (idempotent, one request in flight,
 * the Java-compatible partitioner), then answer 202.
 * BARE_PRODUCE=batched (default) sends through the web app's group commit
 * (web/server/utils/produceBatcher.ts), the same produce as the web app;
 * BARE_PRODUCE=single sends each record as its own request.
 * Env: PORT, KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, BARE_PRODUCE.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { CreateTransactionBody, IdempotencyKey, TOPICS, topicName } from '@billstream/contracts';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { buildTransactionRequested } from '../../web/server/services/transactions/buildTransactionRequested.ts';
import { ProduceBatcher } from '../../web/server/utils/produceBatcher.ts';

/** Same limit as the web app (MAX_JSON_BODY_BYTES). */
const BODY_BYTES_MAX = 64 * 1024;

const topic = topicName(TOPICS.transactionCommands, process.env.KAFKA_TOPIC_PREFIX ?? '');
const kafka = new Kafka({
  clientId: 'billstream-bench-bare',
  brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  logLevel: logLevel.WARN,
});
const producer = kafka.producer({
  idempotent: true,
  maxInFlightRequests: 1,
  allowAutoTopicCreation: false,
  createPartitioner: Partitioners.DefaultPartitioner,
});

const batched = (process.env.BARE_PRODUCE ?? 'batched') === 'batched';
const batcher = new ProduceBatcher(() => Promise.resolve(producer));

function answer(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req) {
    bytes += (chunk as Buffer).length;
    if (bytes > BODY_BYTES_MAX) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (req.method !== 'POST' || req.url !== '/api/v1/transactions') return answer(res, 404, { title: 'Not Found' });
  const text = await readBody(req);
  if (text === undefined) return answer(res, 413, { title: 'Payload Too Large' });
  const key = IdempotencyKey.safeParse(req.headers['idempotency-key']);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return answer(res, 400, { title: 'Bad Request' });
  }
  const body = CreateTransactionBody.safeParse(json);
  if (!key.success || !body.success) return answer(res, 422, { title: 'Unprocessable Content' });
  const transactionId = randomUUID();
  const command = buildTransactionRequested(transactionId, body.data, new Date());
  const message = {
    key: command.data.accountId,
    value: JSON.stringify(command),
    headers: { 'event-type': command.type, 'event-version': String(command.version), 'request-id': randomUUID() },
  };
  if (batched) await batcher.send(topic, message);
  else await producer.send({ topic, acks: -1, messages: [message] });
  answer(res, 202, { id: transactionId, status: 'pending', links: { self: `/api/v1/transactions/${transactionId}` } });
}

await producer.connect();
const server = http.createServer((req, res) => {
  handle(req, res).catch((error: unknown) => answer(res, 503, { title: String(error) }));
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`bare handler listening on ${JSON.stringify(server.address())}\n`);
});
const stop = () => {
  server.close();
  void producer.disconnect().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
