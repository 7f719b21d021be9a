import type { TransactionResource } from '@billstream/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { LIVE_STREAM_RECHECK_INTERVAL_MS, LIVE_STREAMS_PER_PRINCIPAL_MAX } from '../server/utils/liveUpdates';
import { BASE_URL, pollUntil, postTransaction, toApiResponse } from './support/api';
import { closeFixtures, createForeignOrganization, createOwnAccount, createUser } from './support/fixtures';
import { expectProblem } from './support/problem';
import { adminSession, Session } from './support/session';

afterAll(closeFixtures);

/** Reads SSE `update` events from the stream until `want` matches one, or the reader ends. */
async function readUntil(response: Response, want: (data: { view: string; ids: string[] }) => boolean) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const seen: { view: string; ids: string[] }[] = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return { match: null, seen };
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
      if (!block.includes('event: update')) continue;
      const data = JSON.parse(
        block
          .split('\n')
          .find((line) => line.startsWith('data: '))!
          .slice(6),
      );
      seen.push(data);
      if (want(data)) {
        await reader.cancel();
        return { match: data, seen };
      }
    }
  }
}

describe('GET /api/v1/events (Redis pub/sub → SSE)', () => {
  it("streams the ledger's committed rows of the caller's organization", async () => {
    const session = await adminSession();
    const controller = new AbortController();
    const stream = await fetch(`${BASE_URL}/api/v1/events`, {
      headers: { cookie: session.cookieHeader() },
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const account = await createOwnAccount();
    const accepted = await postTransaction<{ id: string; links: { self: string } }>({
      accountId: account.id,
      type: 'credit',
      amount: '3.00',
      currency: 'USD',
    });
    const heard = await readUntil(
      stream,
      (data) => data.view === 'ledger_transactions' && data.ids.includes(accepted.body.id),
    );
    controller.abort();
    expect(heard.match).toMatchObject({ view: 'ledger_transactions', ids: expect.arrayContaining([accepted.body.id]) });
    await pollUntil<TransactionResource>(accepted.body.links.self, (r) => r.body.status === 'completed');
  });

  it("never streams another organization's updates", async () => {
    const foreign = await createForeignOrganization();
    const other = await Session.login(foreign.admin.email, foreign.admin.password);
    const controller = new AbortController();
    const stream = await fetch(`${BASE_URL}/api/v1/events`, {
      headers: { cookie: other.cookieHeader() },
      signal: controller.signal,
    });
    const account = await createOwnAccount();
    const accepted = await postTransaction<{ id: string; links: { self: string } }>({
      accountId: account.id,
      type: 'credit',
      amount: '4.00',
      currency: 'USD',
    });
    await pollUntil<TransactionResource>(accepted.body.links.self, (r) => r.body.status === 'completed');
    // Give the notice time to arrive if it (wrongly) would, then stop reading.
    setTimeout(() => controller.abort(), 1_500);
    const heard = await readUntil(stream, (data) => data.ids.includes(accepted.body.id)).catch(() => ({
      match: null,
      seen: [],
    }));
    expect(heard.match).toBeNull();
  });

  it('refuses an anonymous caller', async () => {
    const response = await fetch(`${BASE_URL}/api/v1/events`);
    expect(response.status).toBe(401);
  });
});

/** A fresh finance user (own stream budget) signed in, with an API token that may read accounts. */
async function tokenHolder(label: string): Promise<{ session: Session; token: string; tokenId: string }> {
  const me = await (await adminSession()).get<{ organization: { id: string } }>('/api/auth/session');
  const user = await createUser(me.body.organization.id, ['finance'], label);
  const session = await Session.login(user.email, user.password);
  const created = await session.post<{ id: string; token: string }>('/api/v1/api-tokens', {
    name: label,
    scopes: ['accounts:read'],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { session, token: created.body.token, tokenId: created.body.id };
}

function openStream(token: string, signal: AbortSignal): Promise<Response> {
  return fetch(`${BASE_URL}/api/v1/events`, { headers: { authorization: `Bearer ${token}` }, signal });
}

/** Reads a stream until the server ends it; returns the event names seen. Rejects when its fetch is aborted first. */
async function readToEnd(response: Response): Promise<string[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return [...text.matchAll(/^event: (\w+)$/gm)].map((match) => match[1]!);
}

describe('GET /api/v1/events credentials and limits', () => {
  it('ends an open stream once its API token is revoked', async () => {
    const { session, token, tokenId } = await tokenHolder('sse-revoke');
    // Bounded wait: a few re-check intervals, after which the read is aborted and the test fails.
    const controller = new AbortController();
    const bound = setTimeout(() => controller.abort(), LIVE_STREAM_RECHECK_INTERVAL_MS * 3);
    const stream = await openStream(token, controller.signal);
    expect(stream.status).toBe(200);
    const ended = readToEnd(stream);
    expect((await session.request('DELETE', `/api/v1/api-tokens/${tokenId}`)).status).toBe(204);
    const events = await ended.finally(() => clearTimeout(bound));
    expect(events).toContain('ready');
    expect(events.at(-1)).toBe('revoked');
    // And it cannot come back.
    expectProblem(await toApiResponse(await openStream(token, new AbortController().signal)), 401);
  });

  it(`refuses a user's stream beyond ${LIVE_STREAMS_PER_PRINCIPAL_MAX} open ones with 429, and frees the slot on close`, async () => {
    const { token } = await tokenHolder('sse-cap');
    const controller = new AbortController();
    const open = await Promise.all(
      Array.from({ length: LIVE_STREAMS_PER_PRINCIPAL_MAX }, () => openStream(token, controller.signal)),
    );
    expect(open.map((response) => response.status)).toEqual(open.map(() => 200));
    const refused = expectProblem(await toApiResponse(await openStream(token, new AbortController().signal)), 429);
    expect(refused).toMatchObject({ limit: LIVE_STREAMS_PER_PRINCIPAL_MAX });
    controller.abort();
    // The server notices the closed connections on its own schedule: poll (bounded) for a free slot.
    const again = new AbortController();
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 200; attempt += 1) {
      const response = await openStream(token, again.signal);
      status = response.status;
      if (status !== 200) await response.body?.cancel();
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    again.abort();
    expect(status).toBe(200);
  });
});
