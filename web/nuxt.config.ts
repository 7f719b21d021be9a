import { fileURLToPath } from 'node:url';

// Our problem+json handler runs before Nuxt's own error handler; it only
// answers /api requests, so pages keep Nuxt's HTML error page.
const apiErrorHandler = fileURLToPath(new URL('./server/error.ts', import.meta.url));

export default defineNuxtConfig({
  compatibilityDate: '2025-11-01',
  modules: ['@nuxt/ui'],
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
