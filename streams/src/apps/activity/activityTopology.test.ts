import { describe, expect, it } from 'vitest';
import { stringSerde } from '../../engine/index.ts';
import { appDriver, ORG, uuidSequence } from '../testIds.ts';
import { ACTIVITY_VIEW, activityTopology } from './activityTopology.ts';

const USER = '00000000-0000-4000-8000-000000000001';
const uuid = uuidSequence();

function userEvent(type: string, action: string, overrides: Record<string, unknown> = {}) {
  return {
    eventId: uuid(),
    occurredAt: '2026-12-06T20:00:00.000Z',
    source: 'test',
    type,
    version: 1,
    data: {
      organizationId: ORG,
      userId: USER,
      action,
      resource: 'user',
      resourceId: USER,
      ip: '127.0.0.1',
      metadata: null,
      ...overrides,
    },
  };
}

function setup() {
  const driver = appDriver(activityTopology(''), 'activity');
  const input = driver.createInputTopic('user-events', stringSerde, stringSerde);
  const send = (value: object) => input.pipeInput(USER, JSON.stringify(value));
  return { driver, input, send };
}

describe('activity topology (test driver)', () => {
  it('turns each user event into one activity row with the event id as row id', () => {
    const { driver, send } = setup();
    const signIn = userEvent('UserSignedIn', 'auth.login', { resource: 'session', resourceId: 'abcd1234' });
    const change = userEvent('UserChanged', 'user.deactivated', { metadata: { reason: 'left' } });
    send(signIn);
    send(change);
    const rows = driver.viewRecords(ACTIVITY_VIEW).map((record) => record.value);
    expect(rows).toEqual([
      expect.objectContaining({
        id: signIn.eventId,
        type: 'UserSignedIn',
        action: 'auth.login',
        resourceId: 'abcd1234',
      }),
      expect.objectContaining({ id: change.eventId, type: 'UserChanged', metadata: { reason: 'left' } }),
    ]);
    expect(rows[0]).toMatchObject({ organizationId: ORG, userId: USER, occurredAt: '2026-12-06T20:00:00.000Z' });
  });

  it('a redelivered event produces a row with the same id (the view keeps one)', () => {
    const { driver, send } = setup();
    const event = userEvent('CommandSubmitted', 'transaction.requested', { resource: 'transaction' });
    send(event);
    send(event);
    const ids = driver.viewRecords(ACTIVITY_VIEW).map((record) => (record.value as { id: string }).id);
    expect(ids).toEqual([event.eventId, event.eventId]);
  });

  it('dead-letters records that are not JSON or not a user event, and goes on', () => {
    const { driver, input, send } = setup();
    input.pipeInput(USER, '{oops');
    send({ ...userEvent('UserSignedIn', 'auth.login'), version: 2 });
    send(userEvent('UserExploded', 'auth.login'));
    send(userEvent('UserChanged', 'Not an action'));
    const valid = userEvent('UserSignedOut', 'auth.logout');
    send(valid);
    expect(driver.deadLetters().map((letter) => letter.reason)).toEqual([
      expect.stringContaining('invalid JSON'),
      expect.stringContaining('schema violation'),
      expect.stringContaining('schema violation'),
      expect.stringContaining('schema violation'),
    ]);
    expect(driver.viewRecords(ACTIVITY_VIEW).map((record) => (record.value as { id: string }).id)).toEqual([
      valid.eventId,
    ]);
  });

  it('takes an event at every bound (longest strings, most metadata), dead-letters one past them, and goes on', () => {
    const { driver, send } = setup();
    const metadata = Object.fromEntries(
      Array.from({ length: 20 }, (_, index) => [
        `${index}`.padEnd(64, 'k'),
        index % 2 ? 'v'.repeat(500) : Array(50).fill('x'.repeat(100)),
      ]),
    );
    const largest = userEvent('UserChanged', `${'a'.repeat(49)}.${'b'.repeat(50)}`, {
      resource: 'r'.repeat(50),
      resourceId: '\u{1F4B8}'.repeat(50),
      ip: 'f'.repeat(45),
      metadata,
    });
    const tooMuch = userEvent('UserChanged', 'user.changed', { metadata: { ...metadata, extra: 'one key too many' } });
    const after = userEvent('UserSignedIn', 'auth.login');
    send(largest);
    send(tooMuch);
    send(after);
    const ids = driver.viewRecords(ACTIVITY_VIEW).map((record) => (record.value as { id: string }).id);
    expect(ids).toEqual([largest.eventId, after.eventId]);
    expect(driver.deadLetters().map((letter) => letter.reason)).toEqual([expect.stringContaining('schema violation')]);
  });
});
