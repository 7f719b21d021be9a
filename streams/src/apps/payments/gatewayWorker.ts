import { type GatewayName, GatewayRequest, GatewayResultReceived, TOPICS, topicName } from '@billstream/contracts';
import { GATEWAY_TIMEOUT_MS, type GatewayAdapter, type GatewayAnswer, perform } from '@billstream/payments';
import type { Consumer, Producer } from 'kafkajs';
import type { AppContext } from '../../runtime/index.ts';
import { stableUuid } from './paymentsOutputs.ts';

/** Gateway calls in flight at once (one per partition of payment-gateway-requests). */
export const GATEWAY_CALLS_CONCURRENT_MAX = 6;

function timedOut(request: GatewayRequest): GatewayAnswer {
  return {
    outcome: 'error',
    retryable: true,
    code: 'network_timeout',
    message: `${request.gateway} did not answer within ${GATEWAY_TIMEOUT_MS} ms`,
    gatewayReference: null,
  };
}

/** Calls the gateway; a call that outlives GATEWAY_TIMEOUT_MS counts as a retryable timeout. */
export async function callGateway(adapter: GatewayAdapter, request: GatewayRequest): Promise<GatewayAnswer> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<GatewayAnswer>((resolve) => {
    timer = setTimeout(() => resolve(timedOut(request)), GATEWAY_TIMEOUT_MS + 100);
  });
  try {
    return await Promise.race([perform(adapter, request), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export function resultEvent(request: GatewayRequest, answer: GatewayAnswer, now: Date): GatewayResultReceived {
  return GatewayResultReceived.parse({
    eventId: stableUuid(`result:${request.requestId}`),
    occurredAt: now.toISOString(),
    source: 'streams.payments.gateway',
    type: 'GatewayResultReceived',
    version: 1,
    data: {
      requestId: request.requestId,
      paymentId: request.paymentId,
      refundId: request.refundId,
      gateway: request.gateway,
      operation: request.operation,
      attempt: request.attempt,
      ...answer,
    },
  });
}

/**
 * The side-effect stage of the payments app: consumes payment-gateway-requests,
 * calls the (sandbox) gateway with the request's idempotency key, and
 * produces the answer to payment-events (acks=all) before committing the
 * request's offset. At least once: a redelivered request gets the gateway's
 * first answer again (idempotency key), and the processor ignores answers it
 * no longer waits for.
 */
export async function startGatewayWorker(
  context: AppContext,
  gateways: Record<GatewayName, GatewayAdapter>,
): Promise<{ stop(): Promise<void> }> {
  const { kafka, log } = context.clients;
  const prefix = context.config.topicPrefix;
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  const consumer: Consumer = kafka.consumer({ groupId: `${prefix}payments-gateway`, allowAutoTopicCreation: false });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: topicName(TOPICS.paymentGatewayRequests, prefix), fromBeginning: true });
  const events = topicName(TOPICS.paymentEvents, prefix);
  await consumer.run({
    partitionsConsumedConcurrently: GATEWAY_CALLS_CONCURRENT_MAX,
    eachMessage: async ({ message }) => {
      const parsed = GatewayRequest.safeParse(JSON.parse(message.value?.toString('utf8') ?? 'null'));
      if (!parsed.success) {
        log.error({ offset: message.offset, issues: parsed.error.issues }, 'invalid gateway request skipped');
        return;
      }
      const request = parsed.data;
      const answer = await callGateway(gateways[request.gateway], request);
      const event = resultEvent(request, answer, new Date());
      await producer.send({
        topic: events,
        acks: -1,
        messages: [{ key: request.paymentId, value: JSON.stringify(event), headers: { 'event-type': event.type } }],
      });
      log.info({ requestId: request.requestId, outcome: answer.outcome, code: answer.code }, 'gateway answered');
    },
  });
  return {
    async stop() {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}
