import type { UserResource } from '@billstream/contracts';

/** Deactivate / reactivate with a toast for the result; resolves to the updated user, or undefined on failure. */
export function useUserStatus() {
  const { $api } = useNuxtApp();
  const toast = useToast();
  return async function change(user: UserResource, action: 'deactivate' | 'reactivate') {
    try {
      const updated = await $api<UserResource>(`/api/v1/users/${user.id}/${action}`, { method: 'POST' });
      toast.add({
        title: action === 'deactivate' ? `${user.email} deactivated` : `${user.email} reactivated`,
        description: action === 'deactivate' ? 'Their sessions ended and their API tokens were revoked.' : undefined,
        color: 'success',
      });
      return updated;
    } catch (error) {
      toast.add({
        title: `Could not ${action} ${user.email}`,
        description: problemFrom(error)?.detail,
        color: 'error',
      });
      return undefined;
    }
  };
}
