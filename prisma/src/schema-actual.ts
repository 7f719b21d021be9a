import type pg from 'pg';
import type { ColumnShape, ForeignKeyShape, IndexShape, TableShape } from './schema-shape.ts';

/** Prisma Migrate's own table: not part of schema.prisma. */
const IGNORED_TABLES = ['_prisma_migrations'];

interface ColumnRow {
  table_name: string;
  column_name: string;
  is_nullable: 'YES' | 'NO';
  data_type: string;
  udt_name: string;
  character_maximum_length: number | null;
  numeric_precision: number | null;
  numeric_scale: number | null;
  datetime_precision: number | null;
  column_default: string | null;
}

/** The same canonical type names schema-expected.ts produces. */
function canonicalType(row: ColumnRow): string {
  switch (row.data_type) {
    case 'character varying':
      return row.character_maximum_length === null ? 'varchar' : `varchar(${row.character_maximum_length})`;
    case 'numeric':
      return `numeric(${row.numeric_precision},${row.numeric_scale})`;
    case 'timestamp with time zone':
      return `timestamptz(${row.datetime_precision})`;
    case 'timestamp without time zone':
      return `timestamp(${row.datetime_precision})`;
    case 'ARRAY':
      return `${row.udt_name.replace(/^_/, '')}[]`;
    default:
      return row.udt_name;
  }
}

async function readColumns(client: pg.Client): Promise<Map<string, ColumnShape[]>> {
  const { rows } = await client.query<ColumnRow>(
    `SELECT c.table_name, c.column_name, c.is_nullable, c.data_type, c.udt_name,
            c.character_maximum_length, c.numeric_precision, c.numeric_scale,
            c.datetime_precision, c.column_default
       FROM information_schema.columns c
       JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, ColumnShape[]>();
  for (const row of rows) {
    const columns = tables.get(row.table_name) ?? [];
    columns.push({
      name: row.column_name,
      type: canonicalType(row),
      nullable: row.is_nullable === 'YES',
      default: row.column_default,
    });
    tables.set(row.table_name, columns);
  }
  return tables;
}

/** pg_indexes names them; pg_index gives key columns in order and kind. */
async function readIndexes(client: pg.Client): Promise<Map<string, IndexShape[]>> {
  const { rows } = await client.query<{ table: string; name: string; kind: IndexShape['kind']; columns: string[] }>(
    `SELECT pi.tablename AS "table", pi.indexname AS name,
            CASE WHEN ix.indisprimary THEN 'primary' WHEN ix.indisunique THEN 'unique' ELSE 'index' END AS kind,
            ARRAY(SELECT a.attname::text
                    FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
                   ORDER BY k.ord) AS columns
       FROM pg_indexes pi
       JOIN pg_class ic ON ic.relname = pi.indexname
       JOIN pg_namespace n ON n.oid = ic.relnamespace AND n.nspname = pi.schemaname
       JOIN pg_index ix ON ix.indexrelid = ic.oid
      WHERE pi.schemaname = current_schema()
      ORDER BY pi.tablename, pi.indexname`,
  );
  const tables = new Map<string, IndexShape[]>();
  for (const { table, ...index } of rows) tables.set(table, [...(tables.get(table) ?? []), index]);
  return tables;
}

const ACTIONS: Record<string, string> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

async function readForeignKeys(client: pg.Client): Promise<Map<string, ForeignKeyShape[]>> {
  const { rows } = await client.query<{
    table: string;
    name: string;
    columns: string[];
    references: string;
    referencedColumns: string[];
    onDelete: string;
    onUpdate: string;
  }>(
    `SELECT t.relname AS "table", con.conname AS name, rt.relname AS "references",
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)
              AS "referencedColumns",
            con.confdeltype AS "onDelete", con.confupdtype AS "onUpdate"
       FROM pg_constraint con
       JOIN pg_class t ON t.oid = con.conrelid
       JOIN pg_class rt ON rt.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE con.contype = 'f' AND n.nspname = current_schema()
      ORDER BY t.relname, con.conname`,
  );
  const tables = new Map<string, ForeignKeyShape[]>();
  for (const { table, onDelete, onUpdate, ...fk } of rows) {
    const shape = { ...fk, onDelete: ACTIONS[onDelete] ?? onDelete, onUpdate: ACTIONS[onUpdate] ?? onUpdate };
    tables.set(table, [...(tables.get(table) ?? []), shape]);
  }
  return tables;
}

/** The tables of the connection's current schema, in the shape of schema-shape.ts. */
export async function actualSchema(client: pg.Client): Promise<TableShape[]> {
  const [columns, indexes, foreignKeys] = [
    await readColumns(client),
    await readIndexes(client),
    await readForeignKeys(client),
  ];
  return [...columns.keys()]
    .filter((name) => !IGNORED_TABLES.includes(name))
    .map((name) => ({
      name,
      columns: columns.get(name) ?? [],
      indexes: indexes.get(name) ?? [],
      foreignKeys: foreignKeys.get(name) ?? [],
    }));
}
