import { PROBLEM_CONTENT_TYPE, type Problem } from '@billstream/contracts';
import { expect } from 'vitest';
import type { ApiResponse } from './api';

/** Asserts an RFC 9457 answer and returns its body. */
export function expectProblem(response: ApiResponse, status: number): Problem {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.headers.get('content-type')).toContain(PROBLEM_CONTENT_TYPE);
  const problem = response.body as Problem;
  expect(problem).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
  expect(typeof problem.instance).toBe('string');
  expect(response.headers.get('x-request-id')).toBeTruthy();
  return problem;
}

/** The names of the fields a problem blames, sorted. */
export function fieldNames(problem: Problem): string[] {
  return (problem.errors ?? []).map((field) => field.name).sort();
}
