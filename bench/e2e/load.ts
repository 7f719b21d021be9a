/**
 * The open-loop load: commands are offered on a fixed schedule (rate × time),
 * each as its own POST with the API token and a unique Idempotency-Key. A
 * command due while `inFlightMax` requests wait is counted as not offered.
 */
import { randomUUID } from 'node:crypto';
import type { CommandKind, VisibilityPoller } from './visibility.ts';

export interface LoadFixture {
  readonly baseUrl: string;
  readonly token: string;
  /** Active accounts the load spreads over, with their currency. */
  readonly accounts: readonly { readonly id: string; readonly currency: string }[];
  /** Active USD accounts for invoices (the seeded products are priced in USD). */
  readonly invoiceAccounts: readonly string[];
  readonly productIds: readonly string[];
  /** Accounts with a stored sandbox card that succeeds, and the card's id. */
  readonly cards: readonly { readonly accountId: string; readonly currency: string; readonly methodId: string }[];
}

export interface LoadPlan {
  readonly ratePerSec: number;
  readonly seconds: number;
  readonly inFlightMax: number;
  readonly tickMs: number;
  readonly mixTenths: Readonly<Record<CommandKind, number>>;
  readonly invoiceLines: number;
}

export interface LoadTally {
  offered: number;
  notOffered: number;
  accepted: Record<CommandKind, number>;
  refused: Record<string, number>;
  /** POST → 202, ms, for the accepted commands. */
  acceptMs: number[];
  elapsedMs: number;
}

/** The kind of the seq-th command: a repeating 10-slot pattern with the plan's shares. */
export function kindOf(seq: number, mixTenths: Readonly<Record<CommandKind, number>>): CommandKind {
  const slot = seq % 10;
  if (mixTenths.transaction + mixTenths.invoice + mixTenths.payment !== 10) throw new Error('the mix must add to 10');
  if (slot < mixTenths.transaction) return 'transaction';
  return slot < mixTenths.transaction + mixTenths.invoice ? 'invoice' : 'payment';
}

/** An invoice of `lines` lines: product lines and free lines alternating. */
export function invoiceBody(accountId: string, productIds: readonly string[], lines: number, seq: number) {
  if (productIds.length === 0) throw new Error('no products to invoice');
  const items = Array.from({ length: lines }, (_, index) =>
    index % 2 === 0
      ? { productId: productIds[(seq + index) % productIds.length]!, quantity: String(1 + (index % 3)) }
      : { description: `bench line ${index}`, quantity: '2', unitPrice: '3.25', taxCategory: 'standard' },
  );
  return { accountId, lines: items };
}

function request(
  fixture: LoadFixture,
  kind: CommandKind,
  seq: number,
  invoiceLines: number,
): { path: string; body: object } {
  if (kind === 'transaction') {
    const account = fixture.accounts[seq % fixture.accounts.length]!;
    return {
      path: '/api/v1/transactions',
      body: { accountId: account.id, type: 'credit', amount: '1.00', currency: account.currency },
    };
  }
  if (kind === 'invoice') {
    const accountId = fixture.invoiceAccounts[seq % fixture.invoiceAccounts.length]!;
    return { path: '/api/v1/invoices', body: invoiceBody(accountId, fixture.productIds, invoiceLines, seq) };
  }
  const card = fixture.cards[seq % fixture.cards.length]!;
  return {
    path: '/api/v1/payments',
    body: {
      accountId: card.accountId,
      amount: '2.00',
      currency: card.currency,
      paymentMethodId: card.methodId,
      confirm: true,
    },
  };
}

/** One POST; answers the accepted command's id, or the refusal's status. */
export async function postCommand(
  fixture: LoadFixture,
  path: string,
  body: object,
): Promise<{ id: string } | { status: number }> {
  const response = await fetch(`${fixture.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${fixture.token}`,
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 202) return { status: response.status };
  // Transactions and payments answer their id; an invoice command answers the invoice's id.
  const accepted = JSON.parse(text) as { id?: string; invoiceId?: string };
  const id = accepted.id ?? accepted.invoiceId;
  if (!id) throw new Error(`${path} accepted without naming the id: ${text}`);
  return { id };
}

export async function runLoad(
  fixture: LoadFixture,
  plan: LoadPlan,
  poller: VisibilityPoller | null,
): Promise<LoadTally> {
  const tally: LoadTally = {
    offered: 0,
    notOffered: 0,
    accepted: { transaction: 0, invoice: 0, payment: 0 },
    refused: {},
    acceptMs: [],
    elapsedMs: 0,
  };
  const total = Math.round(plan.ratePerSec * plan.seconds);
  const inFlight = new Set<Promise<void>>();
  const startMs = performance.now();
  let seq = 0;
  while (seq < total) {
    const dueNow = Math.min(total, Math.floor(((performance.now() - startMs) / 1000) * plan.ratePerSec));
    for (; seq < dueNow; seq += 1) {
      if (inFlight.size >= plan.inFlightMax) {
        tally.notOffered += 1;
        continue;
      }
      const sent = sendOne(fixture, plan, seq, tally, poller);
      inFlight.add(sent);
      void sent.finally(() => inFlight.delete(sent));
    }
    await new Promise((resolve) => setTimeout(resolve, plan.tickMs));
  }
  await Promise.all(inFlight);
  tally.elapsedMs = performance.now() - startMs;
  return tally;
}

async function sendOne(
  fixture: LoadFixture,
  plan: LoadPlan,
  seq: number,
  tally: LoadTally,
  poller: VisibilityPoller | null,
): Promise<void> {
  const kind = kindOf(seq, plan.mixTenths);
  const { path, body } = request(fixture, kind, seq, plan.invoiceLines);
  tally.offered += 1;
  const startedAtMs = performance.now();
  const answer = await postCommand(fixture, path, body).catch((error: Error) => ({ status: -1, error }));
  if ('id' in answer) {
    tally.acceptMs.push(performance.now() - startedAtMs);
    tally.accepted[kind] += 1;
    poller?.watch(kind, answer.id, startedAtMs);
    return;
  }
  const label = answer.status === -1 ? 'network error' : String(answer.status);
  tally.refused[label] = (tally.refused[label] ?? 0) + 1;
}
