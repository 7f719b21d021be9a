/**
 * A database schema reduced to what the schema test compares: tables,
 * columns (name, type, nullability, default), indexes and foreign keys.
 * Both sides, schema.prisma (schema-expected.ts) and a live database
 * (schema-actual.ts), are turned into this shape and diffed.
 */

export interface ColumnShape {
  name: string;
  /** Canonical type, e.g. varchar(255), numeric(19,4), timestamptz(3), uuid, text[]. */
  type: string;
  nullable: boolean;
  /** The default as PostgreSQL reports it (information_schema.columns.column_default), or null. */
  default: string | null;
}

export interface IndexShape {
  name: string;
  columns: string[];
  kind: 'primary' | 'unique' | 'index';
}

export interface ForeignKeyShape {
  name: string;
  columns: string[];
  references: string;
  referencedColumns: string[];
  /** RESTRICT | CASCADE | SET NULL | NO ACTION | SET DEFAULT */
  onDelete: string;
  onUpdate: string;
}

export interface TableShape {
  name: string;
  columns: ColumnShape[];
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
}

function describeColumn(column: ColumnShape): string {
  const nullability = column.nullable ? 'NULL' : 'NOT NULL';
  return `${column.type} ${nullability} DEFAULT ${column.default ?? '(none)'}`;
}

const describeIndex = (index: IndexShape) => `${index.kind} (${index.columns.join(', ')})`;

const describeForeignKey = (fk: ForeignKeyShape) =>
  `(${fk.columns.join(', ')}) -> ${fk.references}(${fk.referencedColumns.join(', ')}) ` +
  `ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`;

/** Both-way diff of named items; `where` prefixes every message. */
function diffNamed<T extends { name: string }>(
  where: string,
  what: string,
  expected: T[],
  actual: T[],
  describe: (item: T) => string,
): string[] {
  const problems: string[] = [];
  const actualByName = new Map(actual.map((item) => [item.name, item]));
  const expectedNames = new Set(expected.map((item) => item.name));
  for (const item of expected) {
    const found = actualByName.get(item.name);
    if (!found) {
      problems.push(`${where}: missing ${what} ${item.name} ${describe(item)}`);
    } else if (describe(found) !== describe(item)) {
      problems.push(`${where}: ${what} ${item.name} expected ${describe(item)}, found ${describe(found)}`);
    }
  }
  for (const item of actual) {
    if (!expectedNames.has(item.name)) problems.push(`${where}: unexpected ${what} ${item.name} ${describe(item)}`);
  }
  return problems;
}

/**
 * Every difference between the schema.prisma side and the database side, one
 * readable line each (empty when they match).
 */
export function diffSchemas(expected: TableShape[], actual: TableShape[]): string[] {
  const problems: string[] = [];
  const actualByName = new Map(actual.map((table) => [table.name, table]));
  const expectedNames = new Set(expected.map((table) => table.name));
  for (const table of expected) {
    const found = actualByName.get(table.name);
    if (!found) {
      problems.push(`missing table ${table.name}`);
      continue;
    }
    problems.push(
      ...diffNamed(table.name, 'column', table.columns, found.columns, describeColumn),
      ...diffNamed(table.name, 'index', table.indexes, found.indexes, describeIndex),
      ...diffNamed(table.name, 'foreign key', table.foreignKeys, found.foreignKeys, describeForeignKey),
    );
  }
  for (const table of actual) {
    if (!expectedNames.has(table.name)) problems.push(`unexpected table ${table.name}`);
  }
  return problems;
}
