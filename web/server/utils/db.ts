import { createPrisma, type PrismaClient } from '@billstream/db';
import { serverConfig } from './config';

/**
 * The one place that knows how we reach PostgreSQL: the shared Prisma 7
 * client (driver adapter over pg). Created on first use so that a build or
 * a page render never needs DATABASE_URL.
 */
let prisma: PrismaClient | undefined;

export function useDb(): PrismaClient {
  prisma ??= createPrisma(serverConfig().databaseUrl);
  return prisma;
}

export async function closeDb(): Promise<void> {
  const current = prisma;
  prisma = undefined;
  await current?.$disconnect();
}
