// Input of the Ask AI endpoint.
import { z } from "zod";
import { chapterIdSchema, chapterRevisionSchema } from "@/lib/schemas/ids";
import { stripControls } from "@/lib/schemas/text";

export const askSchema = z
  .object({
    chapterId: chapterIdSchema,
    revision: chapterRevisionSchema,
    question: z
      .string()
      .transform(stripControls)
      .pipe(z.string().min(3, "ask a question of at least 3 characters").max(1_000, "must be at most 1,000 characters")),
    attachment: z
      .object({
        cellTitle: z.string().max(200).transform(stripControls),
        code: z.string().max(20_000, "code must be at most 20,000 characters"),
        error: z.string().max(5_000).transform(stripControls),
      })
      .strict()
      .optional(),
  })
  .strict();

export type AskInput = z.infer<typeof askSchema>;
