import { describe, expect, it } from 'vitest';
import { LOGIN_ATTEMPTS_PER_ACCOUNT_AND_IP, LOGIN_DELAY, LOGIN_FAILURES_PER_IP, loginDelayMs } from './authSettings';

describe('login limits', () => {
  it('delays progressively after the free failures, capped', () => {
    const delays = [0, 1, 2, 3, 4, 5, 10].map(loginDelayMs);
    expect(delays.slice(0, 3)).toEqual([0, 0, 0]);
    expect(delays[3]).toBe(LOGIN_DELAY.baseMs);
    expect(delays[4]).toBe(LOGIN_DELAY.baseMs * 2);
    expect(delays[6]).toBe(LOGIN_DELAY.maxMs);
  });

  it('locks an account at one IP out well before the IP itself', () => {
    expect(LOGIN_ATTEMPTS_PER_ACCOUNT_AND_IP.max).toBeLessThan(LOGIN_FAILURES_PER_IP.max);
    expect(new Set([LOGIN_ATTEMPTS_PER_ACCOUNT_AND_IP.name, LOGIN_FAILURES_PER_IP.name]).size).toBe(2);
  });
});
