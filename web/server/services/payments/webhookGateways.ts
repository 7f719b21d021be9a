import type { GatewayName } from '@billstream/contracts';
import {
  BankSandboxGateway,
  CardSandboxGateway,
  type GatewayAdapter,
  gatewayWebhookSecret,
} from '@billstream/payments';

let cached: Record<GatewayName, GatewayAdapter> | undefined;

/** The gateway adapters as the web app uses them: to verify and parse webhooks. */
export function webhookGateways(): Record<GatewayName, GatewayAdapter> {
  if (cached) return cached;
  const master = process.env.PAYMENTS_WEBHOOK_SECRET ?? '';
  if (master.length < 16) throw new Error('PAYMENTS_WEBHOOK_SECRET (>= 16 characters) is not set');
  cached = {
    card: new CardSandboxGateway({ name: 'card', webhookSecret: gatewayWebhookSecret(master, 'card') }),
    card_backup: new CardSandboxGateway({
      name: 'card_backup',
      webhookSecret: gatewayWebhookSecret(master, 'card_backup'),
    }),
    // The web app never starts transfers, so it schedules no webhooks.
    bank: new BankSandboxGateway({
      webhookSecret: gatewayWebhookSecret(master, 'bank'),
      scheduleWebhook: () => {
        throw new Error('the web app does not initiate bank transfers');
      },
    }),
  };
  return cached;
}
