// CSV cells: quoting, and no formulas smuggled into spreadsheets.
import { csvCell, csvRow } from "./csv";

it.each<[unknown, string]>([
  ["plain", "plain"],
  ['say "hi", twice', '"say ""hi"", twice"'],
  ["line\nbreak", '"line\nbreak"'],
  ["=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""],
  ["+1", "'+1"],
  ["-2", "'-2"],
  ["@cmd", "'@cmd"],
  [-2, "-2"],
  [0.5, "0.5"],
  [true, "true"],
  [null, ""],
  [new Date("2026-11-26T10:00:00Z"), "2026-11-26T10:00:00.000Z"],
])("%p → %s", (value, cell) => {
  expect(csvCell(value)).toBe(cell);
});

it("joins a row with CRLF", () => {
  expect(csvRow(["a", 1, null])).toBe("a,1,\r\n");
});
