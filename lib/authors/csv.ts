// CSV cells and rows (RFC 4180): every field quoted, spreadsheet formulas neutralised.

// A formula trigger at the start or after any separator some spreadsheet may split on.
const TRIGGER = /(^|[,;\t|\r\n])([\s"']*)([=+\-@])/g;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '""';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === "string") text = text.replace(TRIGGER, "$1$2'$3");
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvRow(values: unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
