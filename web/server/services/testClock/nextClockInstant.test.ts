import { describe, expect, it } from 'vitest';
import { ProblemError } from '../../utils/problem';
import { nextClockInstant } from './nextClockInstant';

const wall = new Date('2026-11-25T12:00:00.000Z');

describe('nextClockInstant', () => {
  it('moves days forward from the wall clock while the organization has no clock', () => {
    expect(nextClockInstant({ days: 31 }, undefined, wall).toISOString()).toBe('2026-12-26T12:00:00.000Z');
  });

  it('moves days forward from the test clock when there is one', () => {
    const clock = new Date('2027-01-01T00:00:00.000Z');
    expect(nextClockInstant({ days: 1 }, clock, wall).toISOString()).toBe('2027-01-02T00:00:00.000Z');
  });

  it('takes an explicit instant after the clock', () => {
    expect(nextClockInstant({ nowAt: '2027-03-01T00:00:00+01:00' }, undefined, wall).toISOString()).toBe(
      '2027-02-28T23:00:00.000Z',
    );
  });

  it('refuses to move the clock backwards, naming body.nowAt', () => {
    const clock = new Date('2027-01-01T00:00:00.000Z');
    try {
      nextClockInstant({ nowAt: '2026-12-31T00:00:00Z' }, clock, wall);
      expect.unreachable('a clock moved backwards');
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemError);
      expect((error as ProblemError).problem.errors?.map((field) => field.name)).toEqual(['body.nowAt']);
    }
  });
});
