import type { WebhookDeliveryListQuery, WebhookDeliveryResource, WebhookDeliveryStatus } from '@billstream/contracts';
import type { ListPage } from '#shared/types/listQuery';
import { useDb } from '../../utils/db';
import { offsetPage, skipOf } from '../../utils/listQuery';
import type { Principal } from '../../utils/principal';
import { problems } from '../../utils/problem';
import { recordActivity } from '../activity/recordActivity';
import { findWebhookEndpoint } from './webhookEndpoints';

/** Attempts shown per delivery: the newest; the worker stops retrying long before this many matter. */
const ATTEMPTS_SHOWN_MAX = 20;

const INCLUDE = {
  event: { select: { type: true } },
  log: { orderBy: { attemptedAt: 'desc' as const }, take: ATTEMPTS_SHOWN_MAX },
};

type DeliveryRow = NonNullable<Awaited<ReturnType<typeof findDelivery>>>;

function findDelivery(organizationId: string, endpointId: string, id: string) {
  return useDb().webhookDelivery.findFirst({ where: { id, endpointId, organizationId }, include: INCLUDE });
}

function toDeliveryResource(row: DeliveryRow): WebhookDeliveryResource {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.eventId,
    eventType: row.event.type,
    objectId: row.objectId,
    status: row.status as WebhookDeliveryStatus,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
    lastStatusCode: row.lastStatusCode,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    log: row.log.map((attempt) => ({
      attemptedAt: attempt.attemptedAt.toISOString(),
      statusCode: attempt.statusCode,
      latencyMs: attempt.latencyMs,
      responseExcerpt: attempt.responseExcerpt,
      error: attempt.error,
      manual: attempt.manual,
    })),
  };
}

/** The delivery log of one endpoint of the caller's organization, newest first. */
export async function listWebhookDeliveries(
  caller: Principal,
  endpointId: string,
  query: WebhookDeliveryListQuery,
): Promise<ListPage<WebhookDeliveryResource>> {
  await findWebhookEndpoint(caller, endpointId);
  const where = {
    endpointId,
    organizationId: caller.organizationId,
    ...(query.status ? { status: query.status } : {}),
  };
  const [rows, total] = await Promise.all([
    useDb().webhookDelivery.findMany({
      where,
      include: INCLUDE,
      orderBy: { seq: query.sort === 'createdAt' ? 'asc' : 'desc' },
      skip: skipOf(query),
      take: query.limit,
    }),
    useDb().webhookDelivery.count({ where }),
  ]);
  const path = `/api/v1/webhook-endpoints/${endpointId}/deliveries`;
  return offsetPage(path, query, rows.map(toDeliveryResource), total, { sort: query.sort, status: query.status });
}

/**
 * Queues one more attempt of a delivery, now (202). The worker sends it when
 * no older delivery of the same object is pending for the endpoint, logs it
 * as manual, and does not retry it if it fails.
 */
export async function resendWebhookDelivery(
  caller: Principal,
  endpointId: string,
  id: string,
  ip: string,
): Promise<WebhookDeliveryResource> {
  const found = await findDelivery(caller.organizationId, endpointId, id);
  if (!found)
    throw problems.notFound(`There is no webhook delivery ${id}`, {
      name: 'params.deliveryId',
      reason: 'no such delivery',
    });
  await useDb().webhookDelivery.update({
    where: { id },
    data: { status: 'pending', manualResend: true, nextAttemptAt: new Date(), updatedAt: new Date() },
  });
  await recordActivity({
    organizationId: caller.organizationId,
    userId: caller.userId,
    action: 'webhook_delivery.resent',
    resource: 'webhook_endpoint',
    resourceId: endpointId,
    ip,
  });
  return toDeliveryResource((await findDelivery(caller.organizationId, endpointId, id))!);
}
