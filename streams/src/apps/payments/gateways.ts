import type { GatewayName } from '@billstream/contracts';
import {
  BankSandboxGateway,
  CardSandboxGateway,
  type GatewayAdapter,
  gatewayWebhookSecret,
  type ScheduledWebhook,
} from '@billstream/payments';

/** The sandbox gateways of one process, by name. */
export function sandboxGateways(
  masterSecret: string,
  scheduleWebhook: (webhook: ScheduledWebhook) => void | Promise<void>,
): Record<GatewayName, GatewayAdapter> {
  return {
    card: new CardSandboxGateway({ name: 'card', webhookSecret: gatewayWebhookSecret(masterSecret, 'card') }),
    card_backup: new CardSandboxGateway({
      name: 'card_backup',
      webhookSecret: gatewayWebhookSecret(masterSecret, 'card_backup'),
    }),
    bank: new BankSandboxGateway({ webhookSecret: gatewayWebhookSecret(masterSecret, 'bank'), scheduleWebhook }),
  };
}
