import { fileURLToPath } from 'node:url';

// Our problem+json handler runs before Nuxt's own error handler; it only
// answers /api requests, so pages keep Nuxt's HTML error page.
const apiErrorHandler = fileURLToPath(new URL('./server/error.ts', import.meta.url));

export default defineNuxtConfig({
  compatibilityDate: '2025-11-01',
  modules: ['@nuxt/ui', '@sidebase/nuxt-auth'],
  css: ['~/assets/css/main.css'],
  devtools: { enabled: false },
  telemetry: false,

  // Everything below must work without internet: no font CDNs, no Iconify API.
  fonts: {
    providers: { google: false, googleicons: false, bunny: false, fontshare: false, fontsource: false, adobe: false },
  },
  icon: {
    serverBundle: { collections: ['lucide'] },
    clientBundle: { scan: true },
    fallbackToApi: false,
  },

  // @sidebase/nuxt-auth, local provider, against our /api/auth routes. The
  // access and refresh tokens are HttpOnly cookies the server sets, so page
  // scripts never hold them; the "token" the module keeps (cookie bst_csrf)
  // is the session's CSRF token, which it sends as X-CSRF-Token, the header
  // our CSRF check wants. Refresh happens on the server (an expired access
  // token is renewed from the refresh cookie), so the module's refresh is off.
  // baseURL stays relative: server-side session calls then go through Nitro
  // in-process, whatever port or origin serves the app (no AUTH_ORIGIN).
  auth: {
    baseURL: '/api/auth',
    originEnvKey: 'BILLSTREAM_AUTH_ORIGIN',
    disableInternalRouting: false,
    globalAppMiddleware: { isEnabled: true, allow404WithoutAuth: true, addDefaultCallbackUrl: true },
    sessionRefresh: { enablePeriodically: 4 * 60 * 1000, enableOnWindowFocus: true },
    provider: {
      type: 'local',
      pages: { login: '/login' },
      endpoints: {
        signIn: { path: '/login', method: 'post' },
        signOut: { path: '/logout', method: 'post' },
        signUp: { path: '/register', method: 'post' },
        getSession: { path: '/session', method: 'get' },
      },
      token: {
        signInResponseTokenPointer: '/csrfToken',
        type: '',
        cookieName: 'bst_csrf',
        headerName: 'X-CSRF-Token',
        maxAgeInSeconds: 7 * 24 * 60 * 60,
        sameSiteAttribute: 'lax',
      },
      session: {
        dataType: {
          id: 'string',
          email: 'string',
          firstName: 'string | null',
          lastName: 'string | null',
          organization: '{ id: string, name: string }',
          roles: 'string[]',
          permissions: 'string[]',
        },
        dataResponsePointer: '/',
      },
      refresh: { isEnabled: false },
    },
  },

  // Empty defaults: the real values come from the environment at runtime
  // (server/utils/config.ts reads DATABASE_URL etc.), never from the build.
  runtimeConfig: {
    databaseUrl: '',
    redisUrl: '',
    kafkaBrokers: '',
    kafkaTopicPrefix: '',
    publicUrl: '',
  },

  nitro: {
    preset: 'node-server',
    // Workspace packages ship TypeScript sources; inline them so the bundler
    // compiles them, while their npm dependencies are traced into .output.
    externals: { inline: ['@billstream/contracts', '@billstream/db', '@billstream/payments'] },
  },

  hooks: {
    'nitro:config'(config) {
      const existing = config.errorHandler ? [config.errorHandler].flat() : [];
      config.errorHandler = [apiErrorHandler, ...existing];
    },
  },

  typescript: { strict: true },
});
