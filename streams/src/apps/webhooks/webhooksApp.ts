import type { AppDefinition } from '../../runtime/index.ts';
import { topologyApp } from '../../runtime/index.ts';
import { startDeliveryWorker } from './deliveryWorker.ts';
import { webhookEventsView } from './webhookEventsView.ts';
import { WEBHOOK_VIEWS, webhooksTopology } from './webhooksTopology.ts';

const processor = topologyApp({
  name: 'webhooks',
  description:
    'Maps domain events to outbound webhook events (exactly-once hand-off to PostgreSQL) plus the HTTP delivery worker',
  defaultPort: 9008,
  build: (config) => webhooksTopology(config.topicPrefix),
  views: Object.fromEntries(Object.values(WEBHOOK_VIEWS).map((view) => [view, webhookEventsView])),
});

/**
 * The webhooks app: the processor and, in the same process, the delivery
 * worker. They share nothing but PostgreSQL, so a slow or dead receiver
 * delays its own deliveries and never the stream.
 */
export const webhooksApp: AppDefinition = {
  ...processor,
  async start(context) {
    const running = await processor.start(context);
    const worker = startDeliveryWorker(context.clients.pool, context.clients.log);
    return {
      async stop() {
        await worker.stop();
        await running.stop();
      },
    };
  },
};
