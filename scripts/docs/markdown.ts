/** Markdown helpers shared by the table renderers. */

/**
 * A table cell: pipes escaped, line breaks flattened, so one row stays one
 * line; outside code spans `<` is escaped, or a placeholder such as
 * `<kind>` would render as an unknown HTML tag and vanish.
 */
export function cell(text: string): string {
  const flat = text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
  return flat
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith('`') ? part : part.replace(/</g, '&lt;')))
    .join('');
}

export function code(text: string): string {
  return `\`${text}\``;
}

/** A GitHub-flavoured table; `align` is one `---`/`:---:`/`---:` per column. */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly string[],
): string {
  const separator = align ?? header.map(() => '---');
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(separator), ...rows.map((row) => line(row.map(cell)))].join('\n');
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** `retention.ms` as the docs say it. */
export function retention(ms: number): string {
  if (ms < 0) return 'forever';
  const days = ms / DAY_MS;
  return Number.isInteger(days) ? `${days} day${days === 1 ? '' : 's'}` : `${ms} ms`;
}
