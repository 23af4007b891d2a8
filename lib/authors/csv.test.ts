// CSV cells: every field quoted, and no formulas smuggled into spreadsheets whatever separator
// the spreadsheet guesses (comma, semicolon, tab).
import { csvCell, csvRow } from "./csv";

it.each<[unknown, string]>([
  ["plain", '"plain"'],
  ['say "hi", twice', '"say ""hi"", twice"'],
  ["line\nbreak", '"line\nbreak"'],
  ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
  ["+1", `"'+1"`],
  ["-2", `"'-2"`],
  ["@cmd", `"'@cmd"`],
  ["a;=1+1", `"a;'=1+1"`],
  ["a\t=1+1", `"a\t'=1+1"`],
  ['x; "=cmd"', `"x; ""'=cmd"""`],
  [-2, '"-2"'],
  [0.5, '"0.5"'],
  [true, '"true"'],
  [null, '""'],
  [new Date("2026-11-26T10:00:00Z"), '"2026-11-26T10:00:00.000Z"'],
])("%p → %s", (value, cell) => {
  expect(csvCell(value)).toBe(cell);
});

it("joins a row with CRLF", () => {
  expect(csvRow(["a", 1, null])).toBe('"a","1",""\r\n');
});

/** A naive spreadsheet import: split on the separator, drop quotes and spaces around each cell. */
const cellsUnder = (row: string, separator: string) =>
  row
    .split(/\r?\n/)
    .flatMap((line) => line.split(separator))
    .map((c) => c.replace(/^[\s"]+/, ""));

it.each([",", ";", "\t", "|"])("no cell starts a formula when the row is split on %j", (separator) => {
  const attacks = ['ok;=HYPERLINK("http://evil","x")', "ok\t+cmd|' /C calc'!A0", "a,@SUM(1)", "x|-2+3", "multi\nline\n=1+1", '"; =2+2'];
  const row = csvRow(["chapter/a/b", ...attacks, -2, 0.5]);
  const bad = cellsUnder(row, separator).filter((c) => /^[=+@]/.test(c) || /^-(?!\d)/.test(c) || /^-\d.*[+*/]/.test(c));
  expect(bad).toEqual([]);
});
