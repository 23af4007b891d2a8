// Control and bidi characters never reach storage or a model prompt.
import { stripControls } from "./text";

it.each<[string, string]>([
  ["plain", "plain"],
  ["  padded \r\n", "padded"],
  ["a\u202Eevil\u202C b", "aevil b"],
  ["x\u2066y\u2069", "xy"],
  ["bell\u0007 nul\u0000", "bell nul"],
  ["keep\ttab\nand newline", "keep\ttab\nand newline"],
  ["c1\u0085", "c1"],
  ["mark\u200F", "mark"],
  ["zero\u200Bwidth\u200C\u200D joiners\u2060\uFEFF", "zerowidth joiners"],
  ["tag\u{E0001}\u{E0068}\u{E0069}\u{E007F} chars", "tag chars"],
  ["emoji 🙂 and ünïcödé stay", "emoji 🙂 and ünïcödé stay"],
])("%j → %j", (raw, clean) => {
  expect(stripControls(raw)).toBe(clean);
});
