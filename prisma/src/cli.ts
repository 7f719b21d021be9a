// Usage: tsx prisma/src/cli.ts migrate|status|seed
// Reads DATABASE_URL (default: the local server's "billstream" database) and,
// for seed, SEED_ADMIN_EMAIL / SEED_ADMIN_PASSWORD / SEED_DEMO (refused in production
// without an admin password of the operator's: seed-setup.ts).
import { ensureDatabase } from './database.ts';
import { migrate, migrationStatus } from './migrate.ts';
import { seed } from './seed.ts';
import { printablePassword, seedSetup } from './seed-setup.ts';

const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/billstream';

const log = (msg: string) => process.stdout.write(`[db] ${msg}\n`);

/** A URL without its password, for logs. */
function redact(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

async function runStatus(databaseUrl: string): Promise<number> {
  const status = await migrationStatus(databaseUrl);
  for (const name of status.applied) log(`applied   ${name}`);
  for (const name of status.pending) log(`pending   ${name}`);
  for (const name of status.failed) log(`FAILED    ${name}`);
  for (const name of status.modified) log(`MODIFIED  ${name} (changed after it was applied)`);
  for (const name of status.unknown) log(`unknown   ${name} (applied, not in prisma/migrations)`);
  log(status.upToDate ? 'database schema is up to date' : 'database schema is NOT up to date');
  return status.upToDate ? 0 : 1;
}

async function main(command: string | undefined): Promise<number> {
  const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  switch (command) {
    case 'migrate': {
      if (await ensureDatabase(databaseUrl)) log(`created database ${redact(databaseUrl)}`);
      await migrate(databaseUrl, { log });
      return 0;
    }
    case 'status':
      return runStatus(databaseUrl);
    case 'seed': {
      const chosen = seedSetup(process.env);
      if (!chosen.ok) throw new Error(`refusing to seed: ${chosen.problem}`);
      const result = await seed(databaseUrl, { ...chosen.setup, log });
      log(
        `organization ${result.organizationId}; admin ${result.admin.email} / ${printablePassword(result.admin.password)}`,
      );
      for (const account of result.accounts) log(`account ${account.accountNumber} ${account.currency} ${account.id}`);
      return 0;
    }
    default:
      process.stderr.write('usage: tsx prisma/src/cli.ts migrate|status|seed\n');
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[db] error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
