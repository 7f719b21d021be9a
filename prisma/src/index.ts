export * from './client.ts';
export { databaseName, dropDatabase, ensureDatabase, withDatabase } from './database.ts';
export {
  type MigrateOptions,
  type MigrateResult,
  MigrationError,
  type MigrationStatus,
  migrate,
  migrationStatus,
  PRISMA_MIGRATE_LOCK_ID,
} from './migrate.ts';
export { DEFAULT_MIGRATIONS_DIR } from './migrations-dir.ts';
export { ARGON2_OPTIONS, hashPassword, verifyPassword } from './password.ts';
export { type SeedOptions, type SeedResult, seed } from './seed.ts';
export * from './seed-data.ts';
export * from './seed-setup.ts';
export { createTestDatabase, DEFAULT_ADMIN_URL, TEST_DATABASE_PREFIX, type TestDatabase } from './test-database.ts';
