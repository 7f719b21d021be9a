import type { GatewayResultReceived, GatewayWebhookReceived, PaymentCommand } from '@billstream/contracts';
import {
  type Decision,
  decideCommand,
  decideResult,
  decideWebhook,
  type PaymentEffect,
  type PaymentState,
} from '@billstream/payments';
import type { KeyValueStore, Processor, ProcessorContext, StreamRecord } from '../../engine/index.ts';
import {
  invoiceCommand,
  invoiceFailureCommand,
  ledgerCommand,
  type PaymentsOutput,
  paymentEvent,
} from './paymentsOutputs.ts';

export const INTENTS_STORE = 'payments-intents';

/** What the processor consumes: API commands and the gateway's answers and webhooks. */
export type PaymentsInput = PaymentCommand | GatewayResultReceived | GatewayWebhookReceived;

/**
 * The payments processor. Commands, gateway results and webhooks of one
 * payment share its key (payment id), so one task owns the payment and its
 * refunds. It never calls a gateway itself: it emits requests to
 * payment-gateway-requests, so replays stay deterministic and exactly-once.
 * The rules are the pure @billstream/payments state machine.
 */
export class PaymentsProcessor implements Processor<string, PaymentsInput, string, PaymentsOutput> {
  private context!: ProcessorContext<string, PaymentsOutput>;
  private intents!: KeyValueStore<string, PaymentState>;

  init(context: ProcessorContext<string, PaymentsOutput>): void {
    this.context = context;
    this.intents = context.getStateStore<KeyValueStore<string, PaymentState>>(INTENTS_STORE);
  }

  process(record: StreamRecord<string, PaymentsInput>): void {
    const input = record.value;
    const paymentId = input.data.paymentId;
    const state = this.intents.get(paymentId) ?? null;
    const decision = this.decide(state, input);
    if (decision.state) this.intents.put(paymentId, decision.state);
    const organizationId = decision.state?.payment.organizationId ?? state?.payment.organizationId ?? null;
    for (const effect of decision.effects) this.emit(effect, organizationId, input.eventId, record.timestamp);
  }

  private decide(state: PaymentState | null, input: PaymentsInput): Decision {
    if (input.type === 'GatewayResultReceived') return decideResult(state, input.data, input.occurredAt);
    if (input.type === 'GatewayWebhookReceived') return decideWebhook(state, input.data, input.occurredAt);
    return decideCommand(state, input);
  }

  private out(key: string, value: PaymentsOutput, timestampMs: number): void {
    this.context.forward({ key, value, timestamp: timestampMs, headers: {} });
  }

  private emit(effect: PaymentEffect, organizationId: string | null, sourceEventId: string, timestampMs: number): void {
    switch (effect.kind) {
      case 'payment': {
        const { payment } = effect;
        const at = payment.updatedAt;
        const data = { payment, previousStatus: effect.previousStatus };
        const event = paymentEvent('PaymentIntentUpdated', `${payment.id}:${payment.version}`, at, data);
        this.out(payment.id, { kind: 'event', event }, timestampMs);
        this.out(payment.id, { kind: 'payment', row: payment }, timestampMs);
        const history = {
          paymentId: payment.id,
          version: payment.version,
          organizationId: payment.organizationId,
          status: payment.status,
          detail: effect.detail,
          occurredAt: at,
        };
        this.out(`${payment.id}:${payment.version}`, { kind: 'history', row: history }, timestampMs);
        return;
      }
      case 'refund': {
        const { refund } = effect;
        const event = paymentEvent('RefundUpdated', `${refund.id}:${refund.status}`, refund.updatedAt, { refund });
        this.out(refund.paymentId, { kind: 'event', event }, timestampMs);
        this.out(refund.id, { kind: 'refund', row: refund }, timestampMs);
        return;
      }
      case 'gateway':
        this.out(effect.request.paymentId, { kind: 'gateway', request: effect.request }, timestampMs);
        return;
      case 'attempt':
        this.out(effect.row.requestId, { kind: 'attempt', row: effect.row }, timestampMs);
        return;
      case 'ledger': {
        if (organizationId === null) throw new Error('a ledger effect without a payment');
        const at = new Date(timestampMs).toISOString();
        this.out(effect.accountId, { kind: 'ledger', command: ledgerCommand(effect, organizationId, at) }, timestampMs);
        return;
      }
      case 'invoice': {
        const at = new Date(timestampMs).toISOString();
        this.out(effect.organizationId, { kind: 'invoice', command: invoiceCommand(effect, at) }, timestampMs);
        return;
      }
      case 'invoiceFailure': {
        const at = new Date(timestampMs).toISOString();
        this.out(effect.organizationId, { kind: 'invoice', command: invoiceFailureCommand(effect, at) }, timestampMs);
        return;
      }
      case 'rejected': {
        const at = new Date(timestampMs).toISOString();
        const { kind: _kind, ...data } = effect;
        const event = paymentEvent('PaymentCommandRejected', sourceEventId, at, data);
        this.out(effect.paymentId, { kind: 'event', event }, timestampMs);
        const row = {
          subjectId: effect.refundId ?? effect.paymentId,
          command: effect.command,
          reason: effect.reason,
          detail: effect.detail,
          at,
        };
        this.out(row.subjectId, { kind: 'rejection', row }, timestampMs);
        return;
      }
    }
  }
}
