import { type PermissionKey, permissionsOf } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { findApiRoute } from '../../shared/auth/apiRoutes';
import { assertCsrfExemptBodyIsJson, authorizeRequest } from './authorizeRequest';
import type { Principal } from './principal';
import { ProblemError } from './problem';

function principal(via: Principal['via'], permissions: PermissionKey[]): Principal {
  return {
    userId: 'u',
    organizationId: 'o',
    email: 'u@example.test',
    permissions: new Set(permissions),
    via,
    ...(via === 'session' ? { sessionId: 's', csrfToken: 'csrf-token' } : { apiTokenId: 't' }),
  };
}

function statusOf(method: string, path: string, caller: Principal | undefined, csrf?: string): number {
  try {
    authorizeRequest(method, path, findApiRoute(method, path), caller, csrf);
    return 200;
  } catch (error) {
    return (error as ProblemError).problem.status;
  }
}

describe('authorizeRequest', () => {
  const viewer = principal('session', permissionsOf('viewer'));
  const finance = principal('session', permissionsOf('finance'));

  it('refuses unmapped routes whoever asks (deny by default)', () => {
    expect(statusOf('GET', '/api/v1/not-mapped', finance)).toBe(404);
    expect(statusOf('DELETE', '/api/v1/accounts/1', principal('session', permissionsOf('admin')))).toBe(404);
  });

  it('answers 401 without a principal and 403 without the permission', () => {
    expect(statusOf('GET', '/api/v1/accounts', undefined)).toBe(401);
    expect(statusOf('GET', '/api/v1/accounts', viewer)).toBe(200);
    expect(statusOf('POST', '/api/v1/transactions', viewer, 'csrf-token')).toBe(403);
    expect(statusOf('POST', '/api/v1/transactions', finance, 'csrf-token')).toBe(200);
    expect(statusOf('GET', '/api/v1/health', undefined)).toBe(200);
  });

  it('names the missing permission in the problem', () => {
    const path = '/api/v1/roles';
    expect(() => authorizeRequest('POST', path, findApiRoute('POST', path), viewer, 'csrf-token')).toThrow(
      expect.objectContaining({ problem: expect.objectContaining({ status: 403, permission: 'roles:manage' }) }),
    );
  });

  it('wants the CSRF token on cookie-session writes only', () => {
    expect(statusOf('POST', '/api/v1/transactions', finance)).toBe(403);
    expect(statusOf('POST', '/api/v1/transactions', finance, 'wrong')).toBe(403);
    expect(statusOf('GET', '/api/v1/accounts', finance)).toBe(200);
    expect(statusOf('POST', '/api/v1/transactions', principal('api-token', ['transactions:create']))).toBe(200);
    expect(statusOf('POST', '/api/auth/login', finance)).toBe(200);
    expect(statusOf('POST', '/api/auth/logout', finance)).toBe(403);
  });

  it('keeps session routes away from API tokens', () => {
    expect(statusOf('GET', '/api/auth/session', principal('api-token', permissionsOf('admin')))).toBe(403);
    expect(statusOf('GET', '/api/auth/session', viewer)).toBe(200);
  });

  it('lets only a session mint API tokens, whatever the token may do', () => {
    const withSession = principal('session', permissionsOf('admin'));
    const withToken = principal('api-token', permissionsOf('admin'));
    expect(statusOf('POST', '/api/v1/api-tokens', withSession, 'csrf-token')).toBe(200);
    expect(statusOf('POST', '/api/v1/api-tokens', withToken)).toBe(403);
    // Listing and revoking stay open to tokens holding the permission.
    expect(statusOf('GET', '/api/v1/api-tokens', withToken)).toBe(200);
    expect(statusOf('DELETE', '/api/v1/api-tokens/1', withToken)).toBe(200);
  });

  it('throws ProblemErrors', () => {
    expect(() => authorizeRequest('GET', '/x', undefined, undefined, undefined)).toThrow(ProblemError);
  });
});

describe('assertCsrfExemptBodyIsJson', () => {
  function statusFor(method: string, path: string, contentType: string | undefined, hasBody = true): number {
    try {
      assertCsrfExemptBodyIsJson(method, findApiRoute(method, path), contentType, hasBody);
      return 200;
    } catch (error) {
      return (error as ProblemError).problem.status;
    }
  }

  it('refuses a CSRF-exempt body without a JSON Content-Type with 415', () => {
    for (const path of ['/api/auth/login', '/api/auth/register', '/api/v1/webhooks/bank']) {
      expect(statusFor('POST', path, undefined)).toBe(415);
      expect(statusFor('POST', path, 'text/plain')).toBe(415);
      expect(statusFor('POST', path, 'application/x-www-form-urlencoded')).toBe(415);
      expect(statusFor('POST', path, 'application/json; charset=utf-8')).toBe(200);
    }
  });

  it('lets a write without any body through, and leaves CSRF-checked routes to the token', () => {
    expect(statusFor('POST', '/api/auth/refresh', undefined, false)).toBe(200);
    expect(statusFor('POST', '/api/auth/refresh', 'text/plain', false)).toBe(415);
    expect(statusFor('POST', '/api/v1/transactions', undefined)).toBe(200);
    expect(statusFor('GET', '/api/v1/health', undefined)).toBe(200);
  });

  it('names the header in the problem', () => {
    try {
      assertCsrfExemptBodyIsJson('POST', findApiRoute('POST', '/api/auth/login'), undefined, true);
      expect.unreachable();
    } catch (error) {
      expect((error as ProblemError).problem.errors?.map((field) => field.name)).toEqual(['header.content-type']);
    }
  });
});
