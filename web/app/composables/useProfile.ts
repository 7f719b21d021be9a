import type { ProfileResource } from '@billstream/contracts';

/** The signed-in user's profile (GET /api/v1/me) and a save that refreshes the session's name. */
export async function useProfile() {
  const { $api } = useNuxtApp();
  const { getSession } = useAuth();
  const toast = useToast();
  const { data: profile, refresh } = await useFetch<ProfileResource>('/api/v1/me');

  async function save(body: Record<string, unknown>, done: string): Promise<string | undefined> {
    try {
      profile.value = await $api<ProfileResource>('/api/v1/me', { method: 'PATCH', body });
      await getSession();
      toast.add({ title: done, color: 'success' });
      return undefined;
    } catch (error) {
      const problem = problemFrom(error);
      return (
        problem?.errors?.map((field) => `${field.name.replace('body.', '')} ${field.reason}`).join('; ') ??
        problem?.detail
      );
    }
  }
  return { profile, refresh, save };
}
