import { defineConfig } from 'vitest/config';

const IGNORED = [
  '**/node_modules/**',
  '**/.nuxt/**',
  '**/.output/**',
  '**/.data/**',
  '**/.tools/**',
  '**/generated/**',
  'web/e2e/**',
];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: [...IGNORED, '**/*.int.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          // Vitest sets BASE_URL to "/" in workers unless it is passed through.
          env: { BASE_URL: process.env.BASE_URL ?? '' },
          include: ['**/*.int.test.ts'],
          exclude: IGNORED,
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Files share the broker and database; running them one by one keeps
          // their load from skewing each other on two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
