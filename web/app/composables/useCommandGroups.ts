import type { CommandPaletteGroup, CommandPaletteItem } from '@nuxt/ui';
import { menuFor } from '#shared/auth/pages';

/**
 * The command palette (Ctrl/⌘-K): every page the user may open, plus quick
 * actions they are allowed to take. Built from the page map, like the sidebar.
 */
export function useCommandGroups() {
  const { permissions, can } = useAccess();
  return computed<CommandPaletteGroup<CommandPaletteItem>[]>(() => {
    const menu = menuFor(permissions.value);
    const pages = [...menu.main, ...menu.admin, ...menu.settings].map((rule) => ({
      label: rule.menu?.label ?? rule.path,
      icon: rule.menu?.icon,
      to: rule.path,
    }));
    const actions: CommandPaletteItem[] = [
      ...(can('users:manage')
        ? [{ label: 'Invite a user', icon: 'i-lucide-user-plus', to: '/admin/users?invite=1' }]
        : []),
      { label: 'Edit my profile', icon: 'i-lucide-user-pen', to: '/settings/profile' },
    ];
    return [
      {
        id: 'pages',
        label: 'Go to',
        items: [{ label: 'Dashboard', icon: 'i-lucide-layout-dashboard', to: '/' }, ...pages],
      },
      { id: 'actions', label: 'Actions', items: actions },
    ];
  });
}
