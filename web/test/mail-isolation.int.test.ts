// Finding 1 of the hardening review (issue 9): the dev outbox showed every
// organization's admin the reset links of every other organization's users.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeFixtures, createUser, db, type FixtureUser } from './support/fixtures';
import { mailedLink, mailedToken } from './support/outbox';
import { adminSession, Session } from './support/session';

interface OutboxPage {
  data: { to: string; kind: string; text: string }[];
  page: { nextCursor: string | null };
}

/** Outbox pages read per check; the test organizations' outboxes are far smaller. */
const OUTBOX_PAGES_MAX = 50;
const OUTBOX_PAGE_LIMIT = 100;

/** Every mail an organization's admin sees in the outbox. */
async function outboxOf(session: Session): Promise<OutboxPage['data']> {
  const mails: OutboxPage['data'] = [];
  let cursor: string | null = null;
  for (let page = 0; page < OUTBOX_PAGES_MAX; page++) {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const response = await session.get<OutboxPage>(`/api/v1/outbox?limit=${OUTBOX_PAGE_LIMIT}${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    mails.push(...response.body.data);
    cursor = response.body.page.nextCursor;
    if (!cursor) return mails;
  }
  throw new Error(`the outbox has more than ${OUTBOX_PAGES_MAX} pages`);
}

/** A second organization, made the way a customer makes one: sign up, follow the mailed link, sign in. */
async function signUp(label: string): Promise<{ email: string; session: Session }> {
  const email = `${label}-${randomUUID().slice(0, 8)}@fixtures.test`;
  const password = 'mail isolation 123';
  const registered = await new Session().post('/api/auth/register', {
    email,
    password,
    organizationName: `Mail isolation ${label}`,
  });
  expect(registered.status, JSON.stringify(registered.body)).toBe(202);
  const token = await mailedToken(email, '/verify-email');
  expect((await new Session().post('/api/auth/verify-email', { token })).status).toBe(200);
  return { email, session: await Session.login(email, password) };
}

let firstAdmin: Session;
let firstUser: FixtureUser;
let second: { email: string; session: Session };

beforeAll(async () => {
  firstAdmin = await adminSession();
  const me = await firstAdmin.get<{ organization: { id: string } }>('/api/auth/session');
  firstUser = await createUser(me.body.organization.id, ['viewer'], 'mail-first');
  second = await signUp('mail-second');
});
afterAll(closeFixtures);

describe('the dev outbox is per organization', () => {
  it("never shows a second organization's admin the first one's reset link", async () => {
    expect((await new Session().post('/api/auth/password/forgot', { email: firstUser.email })).status).toBe(202);
    const link = await mailedLink(firstUser.email, '/reset-password');
    // The mail is stored, and stored as the first organization's.
    const stored = await db().outboxMessage.findFirst({
      where: { toAddress: firstUser.email, kind: 'password_reset' },
    });
    const firstUserRow = await db().user.findUniqueOrThrow({ where: { id: firstUser.id } });
    expect(stored?.organizationId).toBe(firstUserRow.organizationId);

    const seenBySecond = await outboxOf(second.session);
    expect(seenBySecond.filter((mail) => mail.to === firstUser.email)).toEqual([]);
    expect(JSON.stringify(seenBySecond)).not.toContain(link.searchParams.get('token'));
    const filtered = await second.session.get<OutboxPage>(`/api/v1/outbox?to=${encodeURIComponent(firstUser.email)}`);
    expect(filtered.body.data).toEqual([]);
    // Its own organization's admin still reads it (the dev outbox keeps working).
    const seenByFirst = await firstAdmin.get<OutboxPage>(`/api/v1/outbox?to=${encodeURIComponent(firstUser.email)}`);
    expect(seenByFirst.body.data.map((mail) => mail.kind)).toContain('password_reset');
  });

  it("shows the second organization only its own mail, and the first none of the second's", async () => {
    expect((await new Session().post('/api/auth/password/forgot', { email: second.email })).status).toBe(202);
    await mailedLink(second.email, '/reset-password');
    const seenBySecond = await outboxOf(second.session);
    expect(seenBySecond.map((mail) => mail.kind).sort()).toEqual(['email_verification', 'password_reset']);
    expect(seenBySecond.every((mail) => mail.to === second.email)).toBe(true);
    const seenByFirst = await firstAdmin.get<OutboxPage>(`/api/v1/outbox?to=${encodeURIComponent(second.email)}`);
    expect(seenByFirst.body.data).toEqual([]);
  });

  it('shows nobody the mail of a sign-up with a taken address (it belongs to no organization)', async () => {
    const again = await new Session().post('/api/auth/register', {
      email: firstUser.email,
      password: 'someone else 123',
      organizationName: 'Taken address Ltd',
    });
    expect(again.status).toBe(202);
    const stored = await db().outboxMessage.findFirst({
      where: { toAddress: firstUser.email, kind: 'account_exists' },
    });
    expect(stored).toMatchObject({ organizationId: null });
    for (const session of [firstAdmin, second.session]) {
      const seen = await session.get<OutboxPage>(`/api/v1/outbox?to=${encodeURIComponent(firstUser.email)}`);
      expect(seen.body.data.map((mail) => mail.kind)).not.toContain('account_exists');
    }
  });
});
