import { logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { kafkaEntryLevel } from './clients.ts';

describe('kafkaEntryLevel', () => {
  it('logs a routine rebalance as a warning, whatever level KafkaJS gave it', () => {
    expect(kafkaEntryLevel(logLevel.ERROR, 'The group is rebalancing, so a rejoin is needed')).toBe('warn');
    expect(kafkaEntryLevel(logLevel.WARN, 'The group is rebalancing, so a rejoin is needed')).toBe('warn');
  });

  it('keeps real errors and warnings at their level', () => {
    expect(kafkaEntryLevel(logLevel.ERROR, 'This server is not the leader for that topic-partition')).toBe('error');
    expect(kafkaEntryLevel(logLevel.ERROR, undefined)).toBe('error');
    expect(kafkaEntryLevel(logLevel.WARN, 'Connection timeout')).toBe('warn');
  });
});
