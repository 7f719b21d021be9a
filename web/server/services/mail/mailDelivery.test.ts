import { describe, expect, it } from 'vitest';
import { findProblemError } from '../../utils/problem';
import { mailDeliveryRefusal, requireMailDelivery } from './mailDelivery';

describe('mail delivery', () => {
  it('sends through SMTP whenever SMTP_URL is set, in any environment', () => {
    expect(mailDeliveryRefusal({ NODE_ENV: 'production', SMTP_URL: 'smtp://mail:587' })).toBeUndefined();
  });

  it('keeps mail in the outbox outside production', () => {
    expect(mailDeliveryRefusal({ NODE_ENV: 'development', SMTP_URL: '' })).toBeUndefined();
    expect(mailDeliveryRefusal({})).toBeUndefined();
  });

  it('refuses the outbox in production unless the operator opts in', () => {
    expect(mailDeliveryRefusal({ NODE_ENV: 'production', SMTP_URL: '  ' })).toContain('SMTP_URL');
    expect(mailDeliveryRefusal({ NODE_ENV: 'production', MAIL_OUTBOX_IN_PRODUCTION: 'false' })).toContain('SMTP_URL');
    expect(mailDeliveryRefusal({ NODE_ENV: 'production', MAIL_OUTBOX_IN_PRODUCTION: 'true' })).toBeUndefined();
    expect(mailDeliveryRefusal({ NODE_ENV: 'production', MAIL_OUTBOX_IN_PRODUCTION: 'TRUE' })).toBeUndefined();
  });

  it('answers the refusal as a 503 problem', () => {
    let thrown: unknown;
    try {
      requireMailDelivery({ NODE_ENV: 'production' });
    } catch (error) {
      thrown = error;
    }
    expect(findProblemError(thrown)?.problem).toMatchObject({
      status: 503,
      type: expect.stringContaining('mail-not-configured'),
    });
    expect(() => requireMailDelivery({ NODE_ENV: 'production', SMTP_URL: 'smtp://mail' })).not.toThrow();
  });
});
