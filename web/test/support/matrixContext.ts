// Who calls in a cell of the RBAC matrix and what the cell may use: the
// objects of the caller's organization and of another one.
import { randomUUID } from 'node:crypto';
import type { BuiltinRoleName } from '@billstream/contracts';
import type { FixtureUser, ForeignOrganization } from './fixtures';

/** Who calls in a matrix cell. */
export type Caller = 'anonymous' | BuiltinRoleName;

export interface MatrixContext {
  readonly own: {
    readonly accountId: string;
    readonly currency: string;
    readonly transactionId: string;
    readonly invoiceId: string;
    readonly planId: string;
    readonly subscriptionId: string;
    readonly paymentMethodId: string;
    readonly paymentId: string;
    /** A finished report of the caller's organization. */
    readonly reportId: string;
  };
  /** A fresh card of the caller's organization (for DELETE). */
  newPaymentMethod(): Promise<string>;
  /** A report of the other organization. */
  readonly foreignReportId: string;
  readonly foreign: ForeignOrganization;
  /** A user of the caller's organization whose roles may be changed. */
  readonly targetUser: FixtureUser;
  readonly viewerRoleId: string;
  /** A fresh user of the caller's organization (for deactivation). */
  newUser(): Promise<string>;
  /** A fresh custom role of the caller's organization (for PUT/DELETE). */
  newRole(): Promise<string>;
  /** A fresh invoice of the caller's organization (commands change its state). */
  newInvoice(status: 'draft' | 'open'): Promise<string>;
  /** A fresh API token of the caller, when the caller may create one. */
  newApiTokenOf(caller: Caller): Promise<string>;
  readonly masterData: MasterDataContext;
}

export type MasterDataResource = 'categories' | 'products' | 'configurations';

export interface MasterDataContext {
  readonly categoryId: string;
  readonly productId: string;
  /** A fresh category / product of the caller's organization (for PUT/DELETE). */
  newCategory(): Promise<{ id: string; updatedAt: string }>;
  newProduct(): Promise<{ id: string; updatedAt: string }>;
  /** Import jobs of the caller's organization and of the other one. */
  readonly importJobs: Record<MasterDataResource, string>;
  readonly foreignImportJobs: Record<MasterDataResource, string>;
  /** Makes sure a configuration key is set / unset in the caller's organization. */
  setConfiguration(key: string, value: unknown): Promise<void>;
  unsetConfiguration(key: string): Promise<void>;
}

export interface CellRequest {
  readonly path: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** The handler's answer when access is granted. */
  readonly expect: number;
  /** Use a second, fresh session of another user with the same role (the request ends sessions). */
  readonly spareSession?: boolean;
}

export interface RouteCase {
  own(ctx: MatrixContext, caller: Caller): Promise<CellRequest> | CellRequest;
  /** The same request aimed at an object of another organization: 404 when access is granted. */
  foreign?(ctx: MatrixContext): Omit<CellRequest, 'expect'>;
}

/** A short random tag that keeps the names a cell creates unique. */
export const tag = () => randomUUID().slice(0, 8);

/** A fresh Idempotency-Key header. */
export const idempotent = () => ({ 'idempotency-key': randomUUID() });
