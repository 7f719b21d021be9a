export { ensureDatabase, dropDatabase, databaseName, withDatabase } from './database.ts';
export {
  migrate,
  migrationStatus,
  MigrationError,
  PRISMA_MIGRATE_LOCK_ID,
  type MigrateOptions,
  type MigrateResult,
  type MigrationStatus,
} from './migrate.ts';
export { DEFAULT_MIGRATIONS_DIR } from './migrations-dir.ts';
export * from './client.ts';
export { seed, type SeedOptions, type SeedResult } from './seed.ts';
export * from './seed-data.ts';
export * from './permissions.ts';
export { hashPassword, verifyPassword, ARGON2_OPTIONS } from './password.ts';
export { createTestDatabase, DEFAULT_ADMIN_URL, TEST_DATABASE_PREFIX, type TestDatabase } from './test-database.ts';
