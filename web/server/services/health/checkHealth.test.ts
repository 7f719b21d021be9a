import { describe, expect, it } from 'vitest';
import { type HealthChecks, publicChecks } from './checkHealth';

describe('publicChecks', () => {
  it('keeps up/down per dependency and drops error texts and latencies', () => {
    const checks: HealthChecks = {
      database: { status: 'down', latencyMs: 3000, error: 'password authentication failed for user "billstream"' },
      redis: { status: 'up', latencyMs: 1 },
      kafka: { status: 'down', latencyMs: 12, error: 'connect ECONNREFUSED 10.0.0.7:9092' },
    };
    const shown = publicChecks(checks);
    expect(shown).toEqual({ database: 'down', redis: 'up', kafka: 'down' });
    expect(JSON.stringify(shown)).not.toMatch(/password|ECONNREFUSED|10\.0\.0\.7/);
  });
});
