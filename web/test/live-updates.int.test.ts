import type { TransactionResource } from '@billstream/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { BASE_URL, pollUntil, postTransaction } from './support/api';
import { closeFixtures, createForeignOrganization, createOwnAccount } from './support/fixtures';
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
  it("streams the ledger's committed rows of the caller's organisation", async () => {
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

  it("never streams another organisation's updates", async () => {
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
