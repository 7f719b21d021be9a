import type { PermissionKey } from '@billstream/contracts';

/** The signed-in user and a permission check for showing or hiding actions. */
export function useAccess() {
  const { data, status } = useAuth();
  const permissions = computed<string[]>(() => data.value?.permissions ?? []);
  return {
    user: data,
    signedIn: computed(() => status.value === 'authenticated'),
    permissions,
    can: (permission: PermissionKey) => permissions.value.includes(permission),
  };
}
