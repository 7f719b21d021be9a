import type pg from 'pg';
import type { ViewHandlers } from '../../runtime/index.ts';
import { billingMailOf } from './billingMails.ts';
import { WebhookEventRow } from './eventMap.ts';

/**
 * Hands webhook events to the delivery queue. In the sink's transaction (with
 * the partition's offsets) it stores each event once (its id is the domain
 * event id: ON CONFLICT DO NOTHING) and creates one pending delivery for every
 * enabled endpoint of the event's organization subscribed to its type, so an
 * event is queued exactly once per endpoint and never for another
 * organization. Rows are inserted in the batch's order, which is the
 * partition's order, so `seq` orders one object's events. An event naming an
 * organization that does not exist is skipped rather than failing the batch forever.
 */
export const webhookEventsView: ViewHandlers = {
  postgres: {
    async apply(client, rows) {
      const items = rows.filter((row) => row.value !== null).map((row) => WebhookEventRow.parse(row.value));
      if (items.length === 0) return;
      await client.query(
        `WITH input AS (
           SELECT u.* FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::jsonb[], $6::timestamptz[])
                      WITH ORDINALITY AS u(id, org, type, object_id, object, at, n)
         ), stored AS (
           INSERT INTO webhook_events (id, organization_id, type, object_id, payload, occurred_at)
           SELECT i.id, i.org, i.type, i.object_id,
                  jsonb_build_object('id', i.id, 'type', i.type, 'createdAt', i.at, 'organizationId', i.org,
                                     'data', jsonb_build_object('object', i.object)),
                  i.at
             FROM input i JOIN organizations o ON o.id = i.org
            ORDER BY i.n
           ON CONFLICT (id) DO NOTHING
           RETURNING id, seq, organization_id, type, object_id
         )
         INSERT INTO webhook_deliveries (seq, organization_id, endpoint_id, event_id, object_id)
         SELECT s.seq, s.organization_id, e.id, s.id, s.object_id
           FROM stored s
           JOIN webhook_endpoints e ON e.organization_id = s.organization_id AND e.enabled AND s.type = ANY (e.event_types)
         ON CONFLICT (endpoint_id, event_id) DO NOTHING`,
        [
          items.map((row) => row.id),
          items.map((row) => row.organizationId),
          items.map((row) => row.type),
          items.map((row) => row.objectId),
          items.map((row) => JSON.stringify(row.object)),
          items.map((row) => row.occurredAt),
        ],
      );
      await writeBillingMails(client, items);
    },
    async truncate() {
      // A rebuild must not send the organization's history again: delivered
      // events stay, and replayed ones meet ON CONFLICT DO NOTHING.
    },
  },
};

/**
 * Customer mails (invoice issued, receipt, payment failed) go to
 * mail_outbox in the same transaction, once per event (the row id is the
 * event id). The recipient is the account owner, else the organization's
 * first user, as for dunning reminders; the relay honours their preferences.
 */
async function writeBillingMails(client: pg.PoolClient, items: readonly WebhookEventRow[]): Promise<void> {
  const mails = items.map((row) => billingMailOf(row)).filter((mail) => mail !== null);
  if (mails.length === 0) return;
  await client.query(
    `INSERT INTO mail_outbox (id, organization_id, to_address, subject, text_body, kind, invoice_id)
     SELECT m.id, m.org, COALESCE(owner.email, first_user.email), m.subject, m.body, m.kind, m.invoice
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[])
         AS m(id, org, acc, invoice, kind, subject, body)
       JOIN organizations o ON o.id = m.org
       LEFT JOIN billing_accounts b ON b.id = m.acc AND b.organization_id = m.org
       LEFT JOIN users owner ON owner.id = b.user_id AND owner.organization_id = m.org
       LEFT JOIN LATERAL (SELECT email FROM users WHERE organization_id = m.org ORDER BY created_at LIMIT 1) first_user ON true
      WHERE COALESCE(owner.email, first_user.email) IS NOT NULL
     ON CONFLICT (id) DO NOTHING`,
    [
      mails.map((mail) => mail.id),
      mails.map((mail) => mail.organizationId),
      mails.map((mail) => mail.accountId || null),
      mails.map((mail) => mail.invoiceId),
      mails.map((mail) => mail.kind),
      mails.map((mail) => mail.subject),
      mails.map((mail) => mail.text),
    ],
  );
}
