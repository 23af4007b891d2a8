// Learner text made inert: no control or bidi-override characters.

// Controls but tab and newlines, bidi marks and overrides, zero-width and tag characters: they hide text from a reader.
const CONTROL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]|[\u{E0000}-\u{E007F}]/gu;

export function stripControls(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(CONTROL, "").trim();
}
