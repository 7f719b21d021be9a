import { randomBytes } from 'node:crypto';
import {
  type CreateWebhookEndpointBody,
  type UpdateWebhookEndpointBody,
  WEBHOOK_ENDPOINTS_PER_ORGANIZATION_MAX,
  WEBHOOK_SECRET_PREFIX,
  type WebhookEndpointListQuery,
  type WebhookEndpointResource,
  type WebhookEventType,
} from '@billstream/contracts';
import type { WebhookEndpoint } from '@billstream/db';
import type { ListPage } from '#shared/types/listQuery';
import { useDb } from '../../utils/db';
import { offsetPage, orderByOf, skipOf } from '../../utils/listQuery';
import type { Principal } from '../../utils/principal';
import { problems } from '../../utils/problem';
import { recordActivity } from '../activity/recordActivity';

/** Characters of the secret a list shows, so an admin can tell secrets apart without reading them. */
const SECRET_HINT_LENGTH = 4;

const newSecret = () => `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;

/** The secret is answered in full only right after it is made (create, rotation). */
export function toWebhookEndpointResource(row: WebhookEndpoint, revealSecret = false): WebhookEndpointResource {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes as WebhookEventType[],
    enabled: row.enabled,
    secret: revealSecret ? row.secret : `${WEBHOOK_SECRET_PREFIX}…${row.secret.slice(-SECRET_HINT_LENGTH)}`,
    failingSince: row.failingSince?.toISOString() ?? null,
    disabledReason: row.disabledReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The endpoint of the caller's organization, or 404 (another organization's endpoint does not exist for it). */
export async function findWebhookEndpoint(caller: Principal, id: string): Promise<WebhookEndpoint> {
  const row = await useDb().webhookEndpoint.findFirst({ where: { id, organizationId: caller.organizationId } });
  if (!row)
    throw problems.notFound(`There is no webhook endpoint ${id}`, {
      name: 'params.id',
      reason: 'no such webhook endpoint',
    });
  return row;
}

export async function listWebhookEndpoints(
  caller: Principal,
  query: WebhookEndpointListQuery,
): Promise<ListPage<WebhookEndpointResource>> {
  const where = {
    organizationId: caller.organizationId,
    ...(query.q ? { url: { contains: query.q, mode: 'insensitive' as const } } : {}),
  };
  const [rows, total] = await Promise.all([
    useDb().webhookEndpoint.findMany({
      where,
      orderBy: orderByOf(query.sort, '-createdAt', new Set()),
      skip: skipOf(query),
      take: query.limit,
    }),
    useDb().webhookEndpoint.count({ where }),
  ]);
  const data = rows.map((row) => toWebhookEndpointResource(row));
  return offsetPage('/api/v1/webhook-endpoints', query, data, total, { sort: query.sort, q: query.q });
}

async function logChange(caller: Principal, action: string, id: string, ip: string) {
  await recordActivity({
    organizationId: caller.organizationId,
    userId: caller.userId,
    action,
    resource: 'webhook_endpoint',
    resourceId: id,
    ip,
  });
}

export async function createWebhookEndpoint(
  caller: Principal,
  body: CreateWebhookEndpointBody,
  ip: string,
): Promise<WebhookEndpointResource> {
  const count = await useDb().webhookEndpoint.count({ where: { organizationId: caller.organizationId } });
  if (count >= WEBHOOK_ENDPOINTS_PER_ORGANIZATION_MAX) {
    throw problems.conflict(
      `An organization may register at most ${WEBHOOK_ENDPOINTS_PER_ORGANIZATION_MAX} webhook endpoints`,
      'webhook-endpoints-limit',
    );
  }
  const row = await useDb().webhookEndpoint.create({
    data: {
      organizationId: caller.organizationId,
      url: body.url,
      description: body.description ?? null,
      eventTypes: body.eventTypes,
      enabled: body.enabled,
      secret: newSecret(),
    },
  });
  await logChange(caller, 'webhook_endpoint.created', row.id, ip);
  return toWebhookEndpointResource(row, true);
}

/**
 * Changes an endpoint. Enabling it again clears the failing streak and the
 * reason it was disabled, so its pending deliveries resume in order.
 */
export async function updateWebhookEndpoint(
  caller: Principal,
  id: string,
  body: UpdateWebhookEndpointBody,
  ip: string,
): Promise<WebhookEndpointResource> {
  await findWebhookEndpoint(caller, id);
  const row = await useDb().webhookEndpoint.update({
    where: { id },
    data: {
      url: body.url,
      eventTypes: body.eventTypes,
      description: body.description,
      enabled: body.enabled,
      ...(body.enabled ? { failingSince: null, disabledReason: null } : {}),
      ...(body.rotateSecret ? { secret: newSecret() } : {}),
      updatedAt: new Date(),
    },
  });
  await logChange(caller, 'webhook_endpoint.updated', id, ip);
  return toWebhookEndpointResource(row, body.rotateSecret === true);
}

/** Deletes an endpoint with its deliveries and their log. */
export async function deleteWebhookEndpoint(caller: Principal, id: string, ip: string): Promise<void> {
  await findWebhookEndpoint(caller, id);
  await useDb().webhookEndpoint.delete({ where: { id } });
  await logChange(caller, 'webhook_endpoint.deleted', id, ip);
}
