import { fileURLToPath } from 'node:url';

// Our problem+json handler runs before Nuxt's own error handler; it only
// answers /api requests, so pages keep Nuxt's HTML error page.
const apiErrorHandler = fileURLToPath(new URL('./server/error.ts', import.meta.url));

export default defineNuxtConfig({
  compatibilityDate: '2025-11-01',
  modules: ['@nuxt/ui', '@sidebase/nuxt-auth', 'nuxt-security'],
  css: ['~/assets/css/main.css'],
  app: {
    head: {
      // Screen readers pick the pronunciation from it (axe: html-has-lang).
      htmlAttrs: { lang: 'en' },
      // Zod 4 probes `new Function('')` when the first object schema is
      // defined, to decide whether to compile parsers with eval. The CSP has
      // no 'unsafe-eval', so the browser reports that probe as a violation.
      // Zod reads its configuration from this global (zod/v4/core/core.js);
      // setting it before any module runs makes zod skip the probe. This
      // inline script carries the CSP nonce like every other.
      script: [{ innerHTML: 'globalThis.__zod_globalConfig={jitless:true}', tagPriority: 'critical' }],
    },
  },
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

  // nuxt-security sends the security headers of every response (see README,
  // "API gateway"). Its own rate limiter, body size limit, XSS filter, CORS
  // and method filter are off: server/middleware/04.gateway.ts (Redis rate
  // budgets, 413) and 01.security.ts (CORS from CORS_ORIGINS, HSTS on https
  // only) do that job, before authorization, and the CSRF double-submit
  // check stays ours (03.authorize.ts), so the module's csrf stays off.
  security: {
    nonce: true,
    sri: true,
    // Client-side console output stays: it is how users report problems.
    removeLoggers: false,
    rateLimiter: false,
    requestSizeLimiter: false,
    xssValidator: false,
    corsHandler: false,
    allowedMethodsRestricter: false,
    csrf: false,
    headers: {
      // Scripts: only this origin's bundles and inline scripts carrying the
      // per-request nonce (Nuxt's payload, the color-mode script); the nonce
      // is added to every <script> of the SSR HTML. Styles keep
      // 'unsafe-inline': Vue renders :style bindings as style attributes and
      // Nuxt UI's floating panels set them at runtime; a nonce cannot cover those.
      contentSecurityPolicy: {
        'default-src': ["'none'"],
        'base-uri': ["'none'"],
        'connect-src': ["'self'"],
        'font-src': ["'self'", 'data:'],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'frame-src': ["'none'"],
        'img-src': ["'self'", 'data:'],
        'manifest-src': ["'self'"],
        'media-src': ["'self'"],
        'object-src': ["'none'"],
        'script-src': ["'self'", "'strict-dynamic'", "'nonce-{{nonce}}'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'worker-src': ["'self'"],
        // Plain-http development and test servers must keep loading their assets.
        'upgrade-insecure-requests': false,
      },
      crossOriginEmbedderPolicy: 'require-corp',
      crossOriginOpenerPolicy: 'same-origin',
      crossOriginResourcePolicy: 'same-origin',
      referrerPolicy: 'no-referrer',
      // Sent by server/middleware/01.security.ts, and only over https.
      strictTransportSecurity: false,
      xContentTypeOptions: 'nosniff',
      xFrameOptions: 'DENY',
    },
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
    externals: { inline: ['@billstream/contracts', '@billstream/db'] },
  },

  hooks: {
    'nitro:config'(config) {
      const existing = config.errorHandler ? [config.errorHandler].flat() : [];
      config.errorHandler = [apiErrorHandler, ...existing];
    },
  },

  typescript: { strict: true },
});
