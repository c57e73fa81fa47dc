// Columns aligned as kubectl's printers align them (text/tabwriter with minwidth 6,
// padding 3, spaces): each column but the last is as wide as its widest cell plus 3, at least 6.

const MIN_WIDTH = 6;
const PADDING = 3;

export function formatTable(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, col) =>
    Math.max(MIN_WIDTH, ...all.map((row) => (row[col] ?? '').length + PADDING)),
  );
  return all
    .map((row) =>
      row
        .map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col] ?? 0)))
        .join('')
        .trimEnd(),
    )
    .join('\n')
    .concat('\n');
}
