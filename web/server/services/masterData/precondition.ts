import { etagOf } from '../../utils/etag';
import { ProblemError, problemOf, problems } from '../../utils/problem';
import { refuse } from './commitChange';

/** What the client says it last read: the ETag (If-Match) and/or the body's updatedAt. */
export interface Precondition {
  readonly ifMatch?: string;
  readonly updatedAt?: string;
}

function matches(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((entry) => entry.trim())
    .some((entry) => entry === '*' || entry === etag);
}

/**
 * Optimistic concurrency of an update: the resource as the client last read
 * it must still be the current one. A stale If-Match answers 412 (RFC 9110),
 * a stale updatedAt 409; `required` refuses a write that names neither
 * (428), so two editors can never silently overwrite each other.
 */
export function checkPrecondition(
  current: { updatedAt: string | null },
  currentBody: unknown,
  precondition: Precondition,
  required: boolean,
): ProblemError | undefined {
  const { ifMatch, updatedAt } = precondition;
  if (ifMatch === undefined && updatedAt === undefined) {
    if (!required) return undefined;
    return new ProblemError(
      problemOf(428, 'Send If-Match with the ETag you read, or the updatedAt you read in the body', {
        type: 'precondition-required',
        title: 'Precondition required',
        errors: [{ name: 'header.if-match', reason: 'is required (or body.updatedAt)' }],
      }),
    );
  }
  if (ifMatch !== undefined && !matches(ifMatch, etagOf(currentBody))) {
    return new ProblemError(
      problemOf(412, 'It was changed since you read it; reload and apply your change again', {
        type: 'precondition-failed',
        title: 'Precondition failed',
        errors: [{ name: 'header.if-match', reason: 'does not match the current ETag' }],
      }),
      { ETag: etagOf(currentBody) },
    );
  }
  if (
    updatedAt !== undefined &&
    (current.updatedAt === null || Date.parse(updatedAt) !== Date.parse(current.updatedAt))
  ) {
    return new ProblemError(
      problemOf(409, 'It was changed since you read it; reload and apply your change again', {
        type: 'edit-conflict',
        title: 'Conflict',
        errors: [{ name: 'body.updatedAt', reason: `is not the current version (${current.updatedAt ?? 'none'})` }],
      }),
    );
  }
  return undefined;
}

/**
 * The row a change or delete acts on, or a refusal: 404 when there is none,
 * and whatever checkPrecondition answers when the client read an older one.
 */
export function currentOrRefuse<R extends { updatedAt: Date }>(
  row: R | null,
  what: string,
  toResource: (row: R) => unknown,
  precondition: Precondition,
  required: boolean,
): R {
  if (!row) refuse(problems.notFound(`There is no ${what}`));
  const stale = checkPrecondition({ updatedAt: row.updatedAt.toISOString() }, toResource(row), precondition, required);
  if (stale) refuse(stale);
  return row;
}
