import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_ATTEMPTS_PER_ACCOUNT_AND_IP, PASSWORD_RESET_ATTEMPTS_PER_IP } from '../server/utils/authSettings';
import { waitForActivity } from './support/activity';
import { anActiveAccount } from './support/api';
import { closeFixtures, createUser, type FixtureUser } from './support/fixtures';
import { mailedToken } from './support/outbox';
import { expectProblem, fieldNames } from './support/problem';
import { adminSession, Session } from './support/session';

/** A TEST-NET-2 address per test (the app trusts X-Forwarded-For from loopback), so lockouts stay local. */
const fakeIp = () => `198.51.100.${randomInt(1, 254)}`;
let organizationId: string;

beforeAll(async () => {
  const me = await (await adminSession()).get<{ organization: { id: string } }>('/api/auth/session');
  organizationId = me.body.organization.id;
});
afterAll(closeFixtures);

async function viewer(label: string): Promise<FixtureUser> {
  return createUser(organizationId, ['viewer'], label);
}

describe('login', () => {
  it('sets HttpOnly, SameSite=Lax session cookies and a readable CSRF cookie', async () => {
    const user = await viewer('cookies');
    const response = await new Session().post('/api/auth/login', { email: user.email, password: user.password });
    expect(response.status).toBe(200);
    const cookies = response.headers.getSetCookie();
    const byName = (name: string) => cookies.find((line) => line.startsWith(`${name}=`)) ?? '';
    expect(byName('bst_at')).toMatch(/HttpOnly/i);
    expect(byName('bst_rt')).toMatch(/HttpOnly/i);
    expect(byName('bst_csrf')).not.toMatch(/HttpOnly/i);
    for (const name of ['bst_at', 'bst_rt', 'bst_csrf']) expect(byName(name)).toMatch(/SameSite=Lax/i);
    // Served over plain http here: no Secure flag (it is set behind https).
    expect(byName('bst_at')).not.toMatch(/Secure/i);
  });

  it('refuses wrong credentials with 401 naming both fields, and unknown addresses alike', async () => {
    const user = await viewer('wrong');
    const headers = { 'x-forwarded-for': fakeIp() };
    const wrong = await new Session().post('/api/auth/login', { email: user.email, password: 'nope' }, { headers });
    expect(fieldNames(expectProblem(wrong, 401))).toEqual(['body.email', 'body.password']);
    const unknown = await new Session().post(
      '/api/auth/login',
      { email: `x${user.email}`, password: 'nope' },
      { headers },
    );
    expect(expectProblem(unknown, 401).detail).toBe(expectProblem(wrong, 401).detail);
  });
});

describe('brute-force protection', () => {
  it('delays, then locks an account out at one IP after 5 failures, even for the right password, and audits it', async () => {
    const user = await viewer('lockout');
    const headers = { 'x-forwarded-for': fakeIp() };
    const attempt = (password: string) =>
      new Session().post('/api/auth/login', { email: user.email, password }, { headers });
    const timings: number[] = [];
    for (let failure = 1; failure <= 5; failure += 1) {
      const started = Date.now();
      expect((await attempt('wrong password')).status).toBe(401);
      timings.push(Date.now() - started);
    }
    expect(timings[4]).toBeGreaterThanOrEqual(450);
    const locked = expectProblem(await attempt(user.password), 429);
    expect(locked).toMatchObject({
      type: expect.stringContaining('login-locked'),
      limit: LOGIN_ATTEMPTS_PER_ACCOUNT_AND_IP.name,
    });
    const audit = await waitForActivity('/api/v1/activity?action=auth.login_locked&limit=100', (rows) =>
      rows.some((row) => row.userEmail === user.email),
    );
    expect(audit.map((row) => row.userEmail)).toContain(user.email);
  });

  it('cannot be used from another IP to lock the owner out', async () => {
    const user = await viewer('outsider');
    const outsider = { 'x-forwarded-for': fakeIp() };
    let owner = fakeIp();
    while (owner === outsider['x-forwarded-for']) owner = fakeIp();
    const attempt = (password: string, headers: Record<string, string>) =>
      new Session().post('/api/auth/login', { email: user.email, password }, { headers });
    for (let failure = 0; failure < LOGIN_ATTEMPTS_PER_ACCOUNT_AND_IP.max; failure += 1) {
      expect((await attempt('a guess', outsider)).status).toBe(401);
    }
    // The outsider's address is locked out, even with the right password...
    expect(expectProblem(await attempt(user.password, outsider), 429)).toMatchObject({
      limit: LOGIN_ATTEMPTS_PER_ACCOUNT_AND_IP.name,
    });
    // ...while the owner, elsewhere, signs in.
    const own = await attempt(user.password, { 'x-forwarded-for': owner });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
  });

  it('counts parallel wrong attempts before checking them: no more than the budget get an answer', async () => {
    const user = await viewer('parallel');
    const headers = { 'x-forwarded-for': fakeIp() };
    const fired = LOGIN_ATTEMPTS_PER_ACCOUNT_AND_IP.max * 3;
    const answers = await Promise.all(
      Array.from({ length: fired }, () =>
        new Session().post('/api/auth/login', { email: user.email, password: 'a parallel guess' }, { headers }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    // Every attempt is either checked (401) or refused as locked (429), and only the budget is checked.
    expect(statuses.filter((status) => status !== 401 && status !== 429)).toEqual([]);
    expect(statuses.filter((status) => status === 401)).toHaveLength(LOGIN_ATTEMPTS_PER_ACCOUNT_AND_IP.max);
    for (const answer of answers.filter((candidate) => candidate.status === 429)) {
      expect(expectProblem(answer, 429)).toMatchObject({ limit: LOGIN_ATTEMPTS_PER_ACCOUNT_AND_IP.name });
    }
  });

  it('locks an IP out after 20 failures across accounts; other IPs still sign in', async () => {
    const user = await viewer('ip-lockout');
    const lockedIp = fakeIp();
    for (let failure = 0; failure < 20; failure += 1) {
      const response = await new Session().post(
        '/api/auth/login',
        { email: `nobody-${randomUUID()}@fixtures.test`, password: 'guess' },
        { headers: { 'x-forwarded-for': lockedIp } },
      );
      expect(response.status).toBe(401);
    }
    const body = { email: user.email, password: user.password };
    const refused = await new Session().post('/api/auth/login', body, { headers: { 'x-forwarded-for': lockedIp } });
    expect(expectProblem(refused, 429)).toMatchObject({ limit: 'login-failures-per-ip' });
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    let otherIp = fakeIp();
    while (otherIp === lockedIp) otherIp = fakeIp();
    const other = await new Session().post('/api/auth/login', body, { headers: { 'x-forwarded-for': otherIp } });
    expect(other.status).toBe(200);
  });
});

describe('sessions', () => {
  it('logout revokes the current session at once; other sessions live on', async () => {
    const user = await viewer('logout');
    const [first, second] = [
      await Session.login(user.email, user.password),
      await Session.login(user.email, user.password),
    ];
    const stolen = new Session();
    for (const [name, value] of first.cookies) stolen.cookies.set(name, value);
    expect((await first.post('/api/auth/logout')).status).toBe(204);
    expect(first.cookies.size).toBe(0);
    // The copied, still unexpired access token is dead too: sessions are checked on every request.
    expectProblem(await stolen.get('/api/v1/accounts'), 401);
    expect((await second.get('/api/v1/accounts')).status).toBe(200);
  });

  it('"sign out everywhere" revokes every session of the user', async () => {
    const user = await viewer('everywhere');
    const sessions = [await Session.login(user.email, user.password), await Session.login(user.email, user.password)];
    const answer = await sessions[0]!.post<{ sessionsEnded: number }>('/api/auth/logout-all');
    expect(answer.body.sessionsEnded).toBe(2);
    for (const session of sessions) expectProblem(await session.get('/api/auth/session'), 401);
  });

  it('changing the password revokes the other sessions, not the current one', async () => {
    const user = await viewer('change');
    const [current, other] = [
      await Session.login(user.email, user.password),
      await Session.login(user.email, user.password),
    ];
    const changed = await current.post('/api/auth/password/change', {
      currentPassword: user.password,
      newPassword: 'a brand new password',
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect((await current.get('/api/auth/session')).status).toBe(200);
    expectProblem(await other.get('/api/auth/session'), 401);
    await Session.login(user.email, 'a brand new password');
  });

  it('rotates refresh tokens; a replaced one used again revokes the session', async () => {
    const user = await viewer('rotation');
    const session = await Session.login(user.email, user.password);
    const first = session.cookies.get('bst_rt');
    expect((await session.post('/api/auth/refresh')).status).toBe(200);
    const second = session.cookies.get('bst_rt');
    expect(second).not.toBe(first);
    expect((await session.post('/api/auth/refresh')).status).toBe(200);
    const thief = new Session();
    thief.cookies.set('bst_rt', first!);
    expectProblem(await thief.post('/api/auth/refresh'), 401);
    expectProblem(await session.get('/api/auth/session'), 401);
  });

  it('renews an expired access token from the refresh cookie on its own', async () => {
    const user = await viewer('silent');
    const session = await Session.login(user.email, user.password);
    session.cookies.delete('bst_at');
    const response = await session.get('/api/auth/session');
    expect(response.status).toBe(200);
    expect(session.cookies.get('bst_at')).toBeTruthy();
  });
});

describe('CSRF', () => {
  it('refuses cookie-session writes without the X-CSRF-Token header, or with a wrong one', async () => {
    const admin = await adminSession();
    const account = await anActiveAccount();
    const body = { accountId: account.id, type: 'credit', amount: '1.00', currency: account.currency };
    const post = (headers: Record<string, string>) =>
      admin.post('/api/v1/transactions', body, {
        csrf: false,
        headers: { 'idempotency-key': randomUUID(), ...headers },
      });
    const missing = expectProblem(await post({}), 403);
    expect(missing.type).toContain('csrf-token-invalid');
    expect(fieldNames(missing)).toEqual(['header.x-csrf-token']);
    expectProblem(await post({ 'x-csrf-token': 'forged' }), 403);
    expect((await post({ 'x-csrf-token': admin.csrfToken! })).status).toBe(202);
    expect((await admin.get('/api/v1/accounts')).status).toBe(200);
  });
});

describe('registration and password reset', () => {
  it('registers a pending account that signs in only after the mailed link is followed, once', async () => {
    const email = `signup-${randomUUID().slice(0, 8)}@fixtures.test`;
    const password = 'signup password 123';
    const registered = await new Session().post('/api/auth/register', {
      email,
      password,
      organizationName: 'Signup Ltd',
    });
    expect(registered.status).toBe(202);
    expect(expectProblem(await new Session().post('/api/auth/login', { email, password }), 403).type).toContain(
      'email-not-verified',
    );
    const token = await mailedToken(email, '/verify-email');
    expect((await new Session().post('/api/auth/verify-email', { token })).status).toBe(200);
    expect(fieldNames(expectProblem(await new Session().post('/api/auth/verify-email', { token }), 422))).toEqual([
      'body.token',
    ]);
    const session = await Session.login(email, password);
    const me = await session.get<{ organization: { name: string }; roles: string[] }>('/api/auth/session');
    expect(me.body).toMatchObject({ organization: { name: 'Signup Ltd' }, roles: ['admin'] });
    // A new organization starts empty: the demo accounts are not its own.
    expect((await session.get<{ data: unknown[] }>('/api/v1/accounts')).body.data).toEqual([]);
  });

  it('does not tell whether an address has an account', async () => {
    const user = await viewer('exists');
    const again = await new Session().post('/api/auth/register', {
      email: user.email,
      password: 'whatever 12345',
      organizationName: 'Xylophone Ltd',
    });
    expect(again.status).toBe(202);
    const forgotUnknown = await new Session().post('/api/auth/password/forgot', { email: `no-${user.email}` });
    expect(forgotUnknown.status).toBe(202);
  });

  it('resets a password with a single-use link and ends every session', async () => {
    const user = await viewer('reset');
    const before = await Session.login(user.email, user.password);
    expect((await new Session().post('/api/auth/password/forgot', { email: user.email })).status).toBe(202);
    const token = await mailedToken(user.email, '/reset-password');
    const reset = await new Session().post('/api/auth/password/reset', { token, password: 'reset password 456' });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expectProblem(await new Session().post('/api/auth/password/reset', { token, password: 'another one 7890' }), 422);
    expectProblem(await before.get('/api/auth/session'), 401);
    await Session.login(user.email, 'reset password 456');
    expectProblem(await new Session().post('/api/auth/login', { email: user.email, password: user.password }), 401);
  });
  // Finding 3 of the hardening review (issue 9): the public reset route hashed
  // (argon2) before it checked the token. Now a guess costs a database look-up
  // and counts against PASSWORD_RESET_ATTEMPTS_PER_IP.
  it('answers guessed reset tokens with a problem, and beyond the per-IP budget with 429', async () => {
    const guess = (ip: string) =>
      new Session().post(
        '/api/auth/password/reset',
        { token: randomUUID().replaceAll('-', ''), password: 'guessing game 123' },
        { headers: { 'x-forwarded-for': ip } },
      );
    const ip = fakeIp();
    for (let attempt = 0; attempt < PASSWORD_RESET_ATTEMPTS_PER_IP.max; attempt++) {
      expect(fieldNames(expectProblem(await guess(ip), 422))).toEqual(['body.token']);
    }
    const refused = expectProblem(await guess(ip), 429) as { limit?: string };
    expect(refused.limit).toBe(PASSWORD_RESET_ATTEMPTS_PER_IP.name);
    // The budget is per address: another client still gets the ordinary answer.
    expectProblem(await guess(`203.0.113.${randomInt(1, 254)}`), 422);
  });
});
