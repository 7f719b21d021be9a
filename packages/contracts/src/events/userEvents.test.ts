import { describe, expect, it } from 'vitest';
import { UserEvent, userEventKey } from './userEvents.ts';

const data = {
  organizationId: '00000000-0000-4000-8000-0000000000aa',
  userId: '00000000-0000-4000-8000-000000000001',
  action: 'auth.login',
  resource: 'session',
  resourceId: 'abcd1234',
  ip: '127.0.0.1',
  metadata: null,
};
const event = (overrides: Record<string, unknown> = {}) => ({
  eventId: '00000000-0000-4000-9000-000000000001',
  occurredAt: '2026-12-06T20:00:00.000Z',
  source: 'web',
  type: 'UserSignedIn',
  version: 1,
  data,
  ...overrides,
});

describe('user events', () => {
  it('accepts each event type in the envelope', () => {
    for (const type of ['UserSignedIn', 'UserSignInFailed', 'UserSignedOut', 'UserChanged', 'CommandSubmitted']) {
      expect(UserEvent.parse(event({ type })).type).toBe(type);
    }
  });

  it('refuses unknown types, versions, malformed actions and oversized metadata', () => {
    expect(UserEvent.safeParse(event({ type: 'UserExploded' })).success).toBe(false);
    expect(UserEvent.safeParse(event({ version: 2 })).success).toBe(false);
    expect(UserEvent.safeParse(event({ data: { ...data, action: 'Login!' } })).success).toBe(false);
    const metadata = Object.fromEntries(Array.from({ length: 21 }, (_, index) => [`k${index}`, index]));
    expect(UserEvent.safeParse(event({ data: { ...data, metadata } })).success).toBe(false);
  });

  it('keys by the user, else by the organization', () => {
    expect(userEventKey(data)).toBe(data.userId);
    expect(userEventKey({ ...data, userId: null })).toBe(data.organizationId);
  });
});
