import { type AppDefinition, topologyApp } from '../../runtime/index.ts';
import { sandboxGateways } from './gateways.ts';
import { startGatewayWorker } from './gatewayWorker.ts';
import { PAYMENTS_VIEWS, paymentsTopology } from './paymentsTopology.ts';
import { attemptsView, historyView, paymentsView, refundsView, rejectionsView } from './paymentsViews.ts';
import { WebhookDelivery } from './webhookDelivery.ts';

const processor = topologyApp({
  name: 'payments',
  description:
    'Payment intents, refunds and gateway routing (exactly-once processor) plus the sandbox gateway worker and bank webhooks',
  defaultPort: 9003,
  build: (config) => paymentsTopology(config.topicPrefix),
  views: {
    [PAYMENTS_VIEWS.payments]: paymentsView,
    [PAYMENTS_VIEWS.refunds]: refundsView,
    [PAYMENTS_VIEWS.history]: historyView,
    [PAYMENTS_VIEWS.attempts]: attemptsView,
    [PAYMENTS_VIEWS.rejections]: rejectionsView,
  },
});

function webhookSettings(env: NodeJS.ProcessEnv): { url: string; secret: string } {
  const secret = env.PAYMENTS_WEBHOOK_SECRET ?? '';
  if (secret.length < 16) throw new Error('PAYMENTS_WEBHOOK_SECRET (>= 16 characters) is required (see .env.example)');
  const base = (env.PUBLIC_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
  return { url: env.PAYMENTS_WEBHOOK_URL || `${base}/api/v1/webhooks/bank`, secret };
}

/**
 * The payments app: the exactly-once processor and, in the same process, the
 * gateway worker (the only part that talks to gateways) with the sandbox
 * bank's webhook sender.
 */
export const paymentsApp: AppDefinition = {
  ...processor,
  async start(context) {
    const settings = webhookSettings(process.env);
    const delivery = new WebhookDelivery(context.clients.pool, settings.url, settings.secret, context.clients.log);
    const running = await processor.start(context);
    const worker = await startGatewayWorker(
      context,
      sandboxGateways(settings.secret, (webhook) => delivery.schedule(webhook)),
    );
    delivery.start();
    return {
      async stop() {
        await delivery.stop();
        await worker.stop();
        await running.stop();
      },
    };
  },
};
