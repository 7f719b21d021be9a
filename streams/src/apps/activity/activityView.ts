import type { ViewHandlers } from '../../runtime/index.ts';
import { ActivityRow } from './activityRow.ts';

/**
 * Writes the activity log (user_activity). The row id is the event id, so a
 * replayed event is left alone (ON CONFLICT DO NOTHING) on top of the sink's
 * offsets-in-the-same-transaction guard. An event naming an organization that
 * does not exist is skipped rather than failing the batch forever, and a user
 * id that does not exist (any more) is stored as NULL: the log outlives users.
 */
export const activityView: ViewHandlers = {
  postgres: {
    async apply(client, rows) {
      const items = rows.filter((row) => row.value !== null).map((row) => ActivityRow.parse(row.value));
      if (items.length === 0) return;
      await client.query(
        `INSERT INTO user_activity (id, organization_id, user_id, action, resource, resource_id, metadata, ip, occurred_at)
         SELECT u.id, u.org, known.id, u.action, u.resource, u.rid,
                jsonb_set(coalesce(u.meta, '{}'::jsonb), '{eventType}', to_jsonb(u.kind)), u.ip, u.at
           FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::jsonb[],
                       $8::text[], $9::timestamptz[], $10::text[])
             AS u(id, org, uid, action, resource, rid, meta, ip, at, kind)
           JOIN organizations o ON o.id = u.org
           LEFT JOIN users known ON known.id = u.uid AND known.organization_id = u.org
         ON CONFLICT (id) DO NOTHING`,
        [
          items.map((row) => row.id),
          items.map((row) => row.organizationId),
          items.map((row) => row.userId),
          items.map((row) => row.action),
          items.map((row) => row.resource),
          items.map((row) => row.resourceId),
          items.map((row) => (row.metadata === null ? null : JSON.stringify(row.metadata))),
          items.map((row) => row.ip),
          items.map((row) => row.occurredAt),
          items.map((row) => row.type),
        ],
      );
    },
    async truncate(client) {
      await client.query('DELETE FROM user_activity');
    },
  },
};
