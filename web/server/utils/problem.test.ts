import { PROBLEM_TYPE_BASE } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { findProblemError, ProblemError, problemOf, problems, toProblem } from './problem';

describe('toProblem', () => {
  it('keeps a thrown ProblemError and adds the instance', () => {
    const error = problems.notFound('There is no account x', { name: 'params.id', reason: 'no such account' });
    expect(toProblem(error, '/api/v1/accounts/x')).toEqual({
      type: `${PROBLEM_TYPE_BASE}not-found`,
      title: 'Resource not found',
      status: 404,
      detail: 'There is no account x',
      errors: [{ name: 'params.id', reason: 'no such account' }],
      instance: '/api/v1/accounts/x',
    });
  });

  it('unwraps a ProblemError that h3 wrapped as the cause of its own error', () => {
    const inner = problems.invalid([{ name: 'body.amount', reason: 'must be greater than 0' }]);
    const wrapped = Object.assign(new Error('wrapped'), { statusCode: 500, cause: inner });
    expect(findProblemError(wrapped)).toBe(inner);
    expect(toProblem(wrapped, '/api/v1/transactions')).toMatchObject({ status: 422, errors: inner.problem.errors });
  });

  it("maps h3's invalid JSON error to a 400 naming the body", () => {
    const h3Error = Object.assign(new Error('Invalid JSON body'), { statusCode: 400 });
    expect(toProblem(h3Error, '/x')).toMatchObject({ status: 400, errors: [{ name: 'body' }] });
  });

  it('hides the message of server errors, which may hold SQL or broker details', () => {
    const problem = toProblem(new Error('connection to 10.0.0.5:5432 refused'), '/api/v1/accounts');
    expect(problem).toMatchObject({ status: 500, detail: 'An unexpected error occurred' });
    expect(JSON.stringify(problem)).not.toContain('10.0.0.5');
  });

  it('treats anything thrown that is not an error as a 500', () => {
    expect(toProblem('boom', '/x').status).toBe(500);
    expect(toProblem(undefined, '/x').status).toBe(500);
  });

  it('keeps a client error status from other HTTP errors', () => {
    const error = Object.assign(new Error('Method Not Allowed'), { statusCode: 405 });
    expect(toProblem(error, '/x')).toMatchObject({ status: 405, title: 'Method not allowed' });
  });
});

describe('problem builders', () => {
  it('carry response headers such as Retry-After for 503', () => {
    const error = problems.unavailable('broker down');
    expect(error).toBeInstanceOf(ProblemError);
    expect(error.headers).toEqual({ 'Retry-After': '1' });
    expect(error.problem.status).toBe(503);
  });

  it('build a typed problem', () => {
    expect(problemOf(409, 'busy', { type: 'idempotency-key-in-use' })).toEqual({
      type: `${PROBLEM_TYPE_BASE}idempotency-key-in-use`,
      title: 'Request conflicts with one in progress',
      status: 409,
      detail: 'busy',
    });
  });
});
