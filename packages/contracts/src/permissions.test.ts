import { describe, expect, it } from 'vitest';
import { BUILTIN_ROLE_NAMES, BUILTIN_ROLES, PERMISSION_KEYS, PERMISSIONS, permissionsOf } from './permissions.ts';

describe('permission table', () => {
  it('has unique resource:action keys', () => {
    expect(new Set(PERMISSION_KEYS).size).toBe(PERMISSION_KEYS.length);
    for (const key of PERMISSION_KEYS) expect(key).toMatch(/^[a-z-]+:[a-z-]+$/);
  });

  it('grants admin everything and viewer only reads', () => {
    expect(permissionsOf('admin')).toEqual(PERMISSION_KEYS);
    for (const key of permissionsOf('viewer')) expect(key).toMatch(/:read$/);
  });

  it('keeps money-moving permissions away from support and viewer', () => {
    for (const role of ['support', 'viewer'] as const) {
      expect(permissionsOf(role)).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/^(transactions|invoices|payments|refunds):(create|void)$/)]),
      );
    }
  });

  it('defines each built-in role once with a distinct fixed id', () => {
    expect(BUILTIN_ROLES.map((role) => role.name)).toEqual([...BUILTIN_ROLE_NAMES]);
    expect(new Set(BUILTIN_ROLES.map((role) => role.id)).size).toBe(BUILTIN_ROLES.length);
    for (const permission of PERMISSIONS) expect(permission.roles.length).toBeGreaterThan(0);
  });
});
