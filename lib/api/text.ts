// Learner text made inert: no control or bidirectional-override characters (feedback, Ask AI).

// C0 controls except tab, newline and carriage return; DEL; C1 controls; bidi embeddings,
// overrides and isolates; the zero-width and directional marks that can reorder what a reader sees.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Normalises line ends, strips control and bidi characters, trims. */
export function stripControls(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(CONTROL, "").trim();
}
