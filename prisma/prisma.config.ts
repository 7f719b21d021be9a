import { defineConfig } from 'prisma/config';

// The Prisma CLI reads the connection here (Prisma 7 keeps no url in the
// schema). `prisma generate` never connects, so a fresh clone without
// DATABASE_URL still generates; the fallback matches .env.example.
const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/billstream';

export default defineConfig({
  schema: 'schema.prisma',
  migrations: {
    path: 'migrations',
    seed: 'tsx src/cli.ts seed',
  },
  datasource: {
    url: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
  },
});
