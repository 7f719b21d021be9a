import { describe, expect, it } from 'vitest';
import { buildUserEvent, eventTypeOf } from './buildUserEvent';

const base = {
  organizationId: '00000000-0000-4000-8000-0000000000aa',
  userId: '00000000-0000-4000-8000-000000000001',
  resource: 'user',
};

describe('buildUserEvent', () => {
  it('types events by action', () => {
    expect(eventTypeOf('auth.login')).toBe('UserSignedIn');
    expect(eventTypeOf('auth.login_failed')).toBe('UserSignInFailed');
    expect(eventTypeOf('auth.login_refused')).toBe('UserSignInFailed');
    expect(eventTypeOf('auth.logout_all')).toBe('UserSignedOut');
    expect(eventTypeOf('user.deactivated')).toBe('UserChanged');
  });

  it('builds a valid envelope with nulls for what is unknown', () => {
    const event = buildUserEvent({ ...base, action: 'user.invited' }, new Date('2026-12-06T20:00:00Z'));
    expect(event).toMatchObject({
      type: 'UserChanged',
      version: 1,
      occurredAt: '2026-12-06T20:00:00.000Z',
      data: { action: 'user.invited', resourceId: null, ip: null, metadata: null },
    });
  });

  it('an explicit type wins', () => {
    const event = buildUserEvent({ ...base, action: 'transaction.requested', type: 'CommandSubmitted' }, new Date());
    expect(event.type).toBe('CommandSubmitted');
  });

  it('throws on a malformed action (a programmer error)', () => {
    expect(() => buildUserEvent({ ...base, action: 'Not An Action' }, new Date())).toThrow();
  });
});
