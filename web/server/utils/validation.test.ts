import { CreateTransactionBody, IdempotencyKey } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { ProblemError } from './problem';
import { parseOrProblem, validateTogether, zodProblemFields } from './validation';

const ACCOUNT = '00000000-0000-4000-8007-000000000001';

function problemOfCall(call: () => unknown): ProblemError {
  try {
    call();
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error('expected a ProblemError');
}

describe('zodProblemFields', () => {
  it('names each bad field under its location, unknown keys one by one', () => {
    const result = CreateTransactionBody.safeParse({
      accountId: 'x',
      type: 'credit',
      amount: 5,
      currency: 'USD',
      a: 1,
      b: 2,
    });
    expect(result.success).toBe(false);
    const names = zodProblemFields(result.error!, 'body').map((field) => field.name);
    expect(names.sort()).toEqual(['body.a', 'body.accountId', 'body.amount', 'body.b']);
  });

  it('names the field of a cross-field rule (minor units) as body.amount', () => {
    const result = CreateTransactionBody.safeParse({
      accountId: ACCOUNT,
      type: 'credit',
      amount: '1.001',
      currency: 'USD',
    });
    expect(zodProblemFields(result.error!, 'body')).toEqual([
      { name: 'body.amount', reason: 'has more decimal places than the currency allows' },
    ]);
  });
});

describe('parseOrProblem', () => {
  it('returns parsed data', () => {
    expect(parseOrProblem(IdempotencyKey, 'abc', 'header.idempotency-key')).toBe('abc');
  });

  it('throws a 422 naming the header itself when it is missing', () => {
    const error = problemOfCall(() => parseOrProblem(IdempotencyKey, undefined, 'header.idempotency-key'));
    expect(error.problem.status).toBe(422);
    expect(error.problem.errors).toEqual([
      { name: 'header.idempotency-key', reason: 'Idempotency-Key header is required' },
    ]);
  });
});

describe('validateTogether', () => {
  it('reports the fields of every failed validation in one problem', () => {
    const error = problemOfCall(() =>
      validateTogether(
        () => parseOrProblem(IdempotencyKey, '', 'header.idempotency-key'),
        () => parseOrProblem(CreateTransactionBody, {}, 'body'),
      ),
    );
    const names = (error.problem.errors ?? []).map((field) => field.name);
    expect(names).toContain('header.idempotency-key');
    expect(names).toEqual(expect.arrayContaining(['body.accountId', 'body.type', 'body.amount', 'body.currency']));
  });

  it('returns every value when all pass', () => {
    expect(
      validateTogether(
        () => 1,
        () => 'two',
      ),
    ).toEqual([1, 'two']);
  });

  it('lets other errors through untouched', () => {
    const boom = new Error('boom');
    expect(() =>
      validateTogether(() => {
        throw boom;
      }),
    ).toThrow(boom);
  });
});
