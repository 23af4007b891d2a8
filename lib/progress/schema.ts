// The progress API's input and answer.
import { z } from "zod";
import { chapterIdSchema, chapterRevisionSchema, slugIdSchema } from "@/lib/schemas/ids";

export { chapterIdSchema };

export const markReadSchema = z
  .object({
    chapterId: chapterIdSchema,
    revision: chapterRevisionSchema,
    /** false undoes "mark as read"; omitted means true. */
    read: z.boolean().optional(),
  })
  .strict();

export type MarkReadInput = z.infer<typeof markReadSchema>;

export type ChapterProgressView = {
  chapterId: string;
  revision: string;
  /** ISO time, or null. */
  readAt: string | null;
  quizBestScore: number | null;
  quizPassed: boolean;
  /** Exercise ids whose check passed. */
  exercisesPassed: string[];
};
export type ProgressResponse = { chapters: ChapterProgressView[] };

export const cellRunSchema = z
  .object({
    chapterId: chapterIdSchema,
    revision: chapterRevisionSchema,
    cellId: slugIdSchema,
  })
  .strict();

export type CellRunInput = z.infer<typeof cellRunSchema>;

export const exercisePassSchema = z
  .object({
    chapterId: chapterIdSchema,
    revision: chapterRevisionSchema,
    exerciseId: slugIdSchema,
  })
  .strict();

export type ExercisePassInput = z.infer<typeof exercisePassSchema>;
