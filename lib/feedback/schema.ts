// The feedback widget's input, shared by the widget and the route handler.
import { z } from "zod";
import { COMMENT_MAX } from "./types";

export { COMMENT_MAX };

// C0 controls except tab, newline and carriage return; DEL; C1 controls; bidirectional overrides.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Strips control characters and trims; an empty comment becomes null. */
export function cleanComment(text: string): string | null {
  const cleaned = text.replace(/\r\n?/g, "\n").replace(CONTROL, "").trim();
  return cleaned === "" ? null : cleaned;
}

export const feedbackSchema = z
  .object({
    chapterId: z.string().min(1).max(200),
    revision: z.string().regex(/^[0-9a-f]{12}$/, "must be the chapter's 12-character content revision"),
    vote: z.enum(["yes", "no"]),
    comment: z
      .string()
      .max(COMMENT_MAX * 2, `must be at most ${COMMENT_MAX} characters`)
      .optional()
      .transform((c) => (c === undefined ? null : cleanComment(c)))
      .refine((c) => c === null || c.length <= COMMENT_MAX, `must be at most ${COMMENT_MAX} characters`),
    /** Honeypot: a field people never see or fill in; bots that fill every field do. */
    website: z.string().max(500).optional(),
  })
  .strict();

export type FeedbackInput = z.input<typeof feedbackSchema>;
