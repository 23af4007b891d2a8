// Learner text made inert: no control or bidirectional-override characters (feedback, Ask AI).

// C0 controls except tab, newline and carriage return; DEL; C1 controls; bidi embeddings,
// overrides and isolates; directional marks; zero-width characters (U+200B–U+200D, U+2060, U+FEFF)
// and tag characters (U+E0000–E007F), which hide text from a reader but not from a program.
const CONTROL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]|[\u{E0000}-\u{E007F}]/gu;

/** Normalises line ends, strips control and bidi characters, trims. */
export function stripControls(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(CONTROL, "").trim();
}
