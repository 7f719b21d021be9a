/**
 * $api: $fetch for the app's own state-changing calls. It echoes the CSRF
 * cookie in X-CSRF-Token (the server refuses cookie-session writes without
 * it) and sends the user to the sign-in page when the session has ended.
 */
export default defineNuxtPlugin(() => {
  const api = $fetch.create({
    onRequest({ options }) {
      if (!needsCsrf(options.method)) return;
      const token = readCsrfToken();
      if (!token) return;
      const headers = new Headers(options.headers as HeadersInit | undefined);
      headers.set(CSRF_HEADER, token);
      options.headers = headers;
    },
    async onResponseError({ response }) {
      if (import.meta.client && response.status === 401) {
        const { data } = useAuthState();
        data.value = null;
        await navigateTo({ path: '/login', query: { redirect: useRoute().fullPath } });
      }
    },
  });
  return { provide: { api } };
});
