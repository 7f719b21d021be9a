/**
 * Marks the document once the app has hydrated (`<html data-hydrated>`), so
 * browser tests type into forms only after Vue owns them: text typed before
 * hydration is reset by the form's initial state.
 */
export default defineNuxtPlugin((nuxtApp) => {
  nuxtApp.hook('app:suspense:resolve', () => {
    document.documentElement.dataset.hydrated = 'true';
  });
});
