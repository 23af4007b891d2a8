// Input of the Ask AI endpoint, and the events it streams back (newline-delimited JSON).
import { z } from "zod";

export const askSchema = z
  .object({
    chapterId: z.string().min(1).max(200),
    revision: z.string().regex(/^[0-9a-f]{12}$/, "must be the chapter's 12-character content revision"),
    question: z.string().trim().min(3, "ask a question of at least 3 characters").max(1_000, "must be at most 1,000 characters"),
    /** A code cell and its error, attached with "Ask AI about this error". */
    attachment: z
      .object({
        cellTitle: z.string().max(200),
        code: z.string().max(20_000, "code must be at most 20,000 characters"),
        error: z.string().max(5_000),
      })
      .strict()
      .optional(),
  })
  .strict();

export type AskInput = z.infer<typeof askSchema>;
