// Ids, envelopes and the test driver the stream apps' topology tests share, so
// that every test speaks of the same organizations and account.
import { type Topology, TopologyTestDriver } from '../engine/index.ts';

export const ORG = '00000000-0000-4000-8000-0000000000aa';
export const OTHER_ORG = '00000000-0000-4000-8000-0000000000bb';
export const ACCOUNT = '00000000-0000-4000-8000-000000000001';

/** Deterministic UUIDs (…-9000-000000000001, …2, …), counted per call of this function. */
export function uuidSequence(): () => string {
  let counter = 0;
  return () => {
    counter += 1;
    return `00000000-0000-4000-9000-${String(counter).padStart(12, '0')}`;
  };
}

/** Wraps event data the way producers do (contracts' envelope), with ids from `nextId`. */
export function envelopeFactory(nextId: () => string, occurredAt: string) {
  return (type: string, data: object) => ({ eventId: nextId(), occurredAt, source: 'test', type, version: 1, data });
}

/** The active USD account ACCOUNT of ORG, as BillingAccountUpserted announces it. */
export function accountData(updatedAt: string, overrides: Record<string, unknown> = {}) {
  return {
    id: ACCOUNT,
    organizationId: ORG,
    accountNumber: 'ACC-1',
    currency: 'USD',
    status: 'active',
    creditLimit: '0',
    updatedAt,
    ...overrides,
  };
}

/** A test driver for an app as the runtime runs it: undecodable records are dead-lettered, not thrown. */
export function appDriver(topology: Topology, appId: string, initialWallClockMs?: number) {
  return new TopologyTestDriver(topology, {
    appId,
    onDeserializationError: 'dead-letter',
    ...(initialWallClockMs === undefined ? {} : { initialWallClockMs }),
  });
}
