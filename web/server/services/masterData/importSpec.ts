import type { ImportRowError } from '@billstream/contracts';
import type { Prisma } from '@billstream/db';
import type { z } from 'zod';
import type { CachedResource } from '../../utils/readCache';
import type { CellType, ValidRow } from './importRows';

export type ImportResource = 'categories' | 'products' | 'configurations';

export type ApplyResult = { ok: true; created: number; updated: number } | { ok: false; errors: ImportRowError[] };

/** What the generic import/export needs to know about one kind of master data. */
export interface ImportSpec<S extends z.ZodType = z.ZodType> {
  readonly resource: ImportResource & CachedResource;
  /** CSV columns in export order, with how each cell is read. */
  readonly columns: Readonly<Record<string, CellType>>;
  readonly rowSchema: S;
  /** Database checks and writes inside the import's one transaction; errors roll everything back. */
  apply(
    tx: Prisma.TransactionClient,
    organizationId: string,
    rows: readonly ValidRow<z.output<S>>[],
    onProgress: (done: number) => void,
  ): Promise<ApplyResult>;
}
