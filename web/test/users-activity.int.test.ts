import { UserEvent } from '@billstream/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForActivity } from './support/activity';
import { endOffsets, readCommands, userEventsTopic } from './support/commandLog';
import { closeFixtures, createUser } from './support/fixtures';
import { adminSession, Session } from './support/session';

let organizationId: string;

beforeAll(async () => {
  const me = await (await adminSession()).get<{ organization: { id: string } }>('/api/auth/session');
  organizationId = me.body.organization.id;
});
afterAll(closeFixtures);

describe('activity: web → user-events → activity processor → activity log', () => {
  it('a sign-in is a valid UserSignedIn on user-events, then a row of the user’s and the organization’s log', async () => {
    const user = await createUser(organizationId, ['viewer'], 'activity');
    const from = await endOffsets(userEventsTopic);
    await Session.login(user.email, user.password);
    const until = await endOffsets(userEventsTopic);

    const records = await readCommands(from, until, 30_000, userEventsTopic);
    const mine = records
      .filter((record) => record.key === user.id)
      .map((record) => UserEvent.parse(JSON.parse(record.value)));
    expect(mine.map((event) => [event.type, event.data.action])).toEqual([['UserSignedIn', 'auth.login']]);
    const eventId = mine[0]!.eventId;

    const perUser = await waitForActivity(`/api/v1/users/${user.id}/activity?limit=100`, (rows) =>
      rows.some((row) => row.id === eventId),
    );
    expect(perUser.find((row) => row.id === eventId)).toMatchObject({
      action: 'auth.login',
      userEmail: user.email,
      metadata: { eventType: 'UserSignedIn' },
    });
    const orgWide = await waitForActivity('/api/v1/activity?action=auth.login&limit=100', (rows) =>
      rows.some((row) => row.id === eventId),
    );
    expect(orgWide.map((row) => row.id)).toContain(eventId);
  });

  it('a refused sign-in and an admin change are logged with their types', async () => {
    const user = await createUser(organizationId, ['viewer'], 'activity-refused');
    expect((await new Session().post('/api/auth/login', { email: user.email, password: 'wrong' })).status).toBe(401);
    const admin = await adminSession();
    expect((await admin.post(`/api/v1/users/${user.id}/deactivate`)).status).toBe(200);
    const rows = await waitForActivity(`/api/v1/users/${user.id}/activity?limit=100`, (found) =>
      found.some((row) => row.action === 'auth.login_failed'),
    );
    expect(rows.find((row) => row.action === 'auth.login_failed')?.metadata).toMatchObject({
      eventType: 'UserSignInFailed',
    });
    const changes = await waitForActivity('/api/v1/activity?action=user.deactivated&limit=100', (found) =>
      found.some((row) => row.resourceId === user.id),
    );
    expect(changes.find((row) => row.resourceId === user.id)?.metadata).toMatchObject({
      eventType: 'UserChanged',
      email: user.email,
    });
  });

  it('is readable by support (activity:read) and not by a viewer', async () => {
    const support = await createUser(organizationId, ['support'], 'activity-support');
    const viewer = await createUser(organizationId, ['viewer'], 'activity-viewer');
    expect((await (await Session.login(support.email, support.password)).get('/api/v1/activity')).status).toBe(200);
    expect((await (await Session.login(viewer.email, viewer.password)).get('/api/v1/activity')).status).toBe(403);
  });
});
