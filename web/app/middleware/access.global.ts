import { findPageRule, mayOpen } from '#shared/auth/pages';

/**
 * Page access from the page map (shared/auth/pages.ts), which is built from
 * the same permission table as the API's route map. A page without a rule is
 * refused; signed-out visitors are left to nuxt-auth's middleware, which runs
 * next and sends them to /login. Refusals go to /forbidden (answered 403)
 * rather than to Nuxt's error page, whose server render would not know the
 * session.
 */
export default defineNuxtRouteMiddleware((to) => {
  if (to.matched.length === 0 || to.path === FORBIDDEN_PATH) return;
  const rule = findPageRule(to.path);
  if (rule && (rule.access === 'guest' || rule.access === 'public')) return;
  const { status, data } = useAuth();
  if (status.value !== 'authenticated') return;
  if (rule && mayOpen(rule, data.value?.permissions ?? [])) return;
  return navigateTo({ path: FORBIDDEN_PATH, query: { from: to.fullPath, needs: rule?.access ?? 'a page rule' } });
});
