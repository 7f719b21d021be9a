import { readdirSync } from 'node:fs';
import path from 'node:path';
import { PERMISSION_KEYS, permissionsOf } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { findPageRule, mayOpen, menuFor, PAGE_RULES } from './pages';

const PAGES_DIR = path.resolve(import.meta.dirname, '../../app/pages');

function pageFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? pageFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

/** `accounts/[id].vue` -> `/accounts/:id`, `index.vue` -> `/` */
function pathOfPage(file: string): string {
  const route = file
    .replace(/\.vue$/, '')
    .replace(/(^|\/)index$/, '')
    .replace(/\[(\w+)\]/g, ':$1');
  return `/${route}`;
}

describe('page map', () => {
  it('has exactly one rule per page file', () => {
    const fromFiles = pageFiles(PAGES_DIR).map(pathOfPage).sort();
    expect(PAGE_RULES.map((rule) => rule.path).sort()).toEqual(fromFiles);
  });

  it('names only permissions of the permission table', () => {
    for (const rule of PAGE_RULES) {
      if (!['guest', 'public', 'signed-in'].includes(rule.access)) expect(PERMISSION_KEYS).toContain(rule.access);
    }
  });

  it('opens pages by permission; guest pages only for signed-out visitors', () => {
    const roles = findPageRule('/admin/roles')!;
    expect(mayOpen(roles, permissionsOf('admin'))).toBe(true);
    expect(mayOpen(roles, permissionsOf('viewer'))).toBe(false);
    expect(mayOpen(roles, undefined)).toBe(false);
    expect(mayOpen(findPageRule('/login')!, undefined)).toBe(true);
    expect(mayOpen(findPageRule('/login')!, [])).toBe(false);
    expect(findPageRule('/accounts/abc')?.path).toBe('/accounts/:id');
    expect(findPageRule('/accounts/abc/more')).toBeUndefined();
    expect(findPageRule('/invoices/new')?.access).toBe('invoices:create');
    expect(findPageRule('/invoices/abc')?.path).toBe('/invoices/:id');
  });

  it('builds the menu from the rules a user may open', () => {
    const viewer = menuFor(permissionsOf('viewer'));
    expect(viewer.main.map((rule) => rule.path)).toEqual([
      '/accounts',
      '/invoices',
      '/payments',
      '/plans',
      '/subscriptions',
      '/analytics',
      '/reports',
      '/monitoring',
    ]);
    expect(viewer.settings.map((rule) => rule.path)).not.toContain('/settings/test-clock');
    // Support holds no reports:read, so analytics, reports and monitoring stay out of its menu.
    expect(menuFor(permissionsOf('support')).main.map((rule) => rule.path)).not.toContain('/reports');
    expect(viewer.admin).toEqual([]);
    // Viewers read master data but not the organization's configuration (settings:read).
    expect(viewer['master-data'].map((rule) => rule.path)).toEqual([
      '/master-data/categories',
      '/master-data/products',
    ]);
    const admin = menuFor(permissionsOf('admin'));
    expect(admin['master-data'].map((rule) => rule.path)).toEqual([
      '/master-data/categories',
      '/master-data/products',
      '/master-data/configurations',
    ]);
    expect(admin.settings.map((rule) => rule.path)).toContain('/settings/test-clock');
    expect(admin.admin.map((rule) => rule.path)).toEqual([
      '/admin/users',
      '/admin/roles',
      '/admin/activity',
      '/admin/outbox',
    ]);
  });
});
