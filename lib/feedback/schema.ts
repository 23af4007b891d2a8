// The feedback widget's input, shared with the route handler.
import { z } from "zod";
import { chapterIdSchema, chapterRevisionSchema } from "@/lib/schemas/ids";
import { stripControls } from "@/lib/schemas/text";
import { COMMENT_MAX } from "./types";

export { COMMENT_MAX };

/** Control characters stripped, trimmed; empty becomes null. */
export function cleanComment(text: string): string | null {
  const cleaned = stripControls(text);
  return cleaned === "" ? null : cleaned;
}

export const feedbackSchema = z
  .object({
    chapterId: chapterIdSchema,
    revision: chapterRevisionSchema,
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
