import type { CustomerResource, TransactionResource } from '@billstream/contracts';

/**
 * Shapes of /api/v1 list responses, shared by the server handlers and the
 * pages. Single resources come from @billstream/contracts.
 */
export interface PageInfo {
  readonly limit: number;
  readonly nextCursor: string | null;
}

export interface Page<T> {
  readonly data: T[];
  readonly page: PageInfo;
  readonly links: { readonly self: string; readonly next: string | null };
}

/** A billing account with its customer details (GET /api/v1/accounts and /accounts/:id). */
export type AccountView = CustomerResource;

export type TransactionView = TransactionResource;

/** Answer of POST /api/v1/transactions (202). */
export interface TransactionAccepted {
  readonly id: string;
  readonly status: 'pending';
  readonly links: { readonly self: string };
}
