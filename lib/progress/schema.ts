// Input of the progress API, shared by the "mark as read" button and the route handler.
import { z } from "zod";

export const chapterIdSchema = z
  .string()
  .max(200)
  .regex(/^[a-z0-9-]+\/[a-z0-9-]+\/[a-z0-9-]+$/, "must be a chapter id like 'course/section/chapter'");

export const markReadSchema = z
  .object({
    chapterId: chapterIdSchema,
    revision: z.string().regex(/^[0-9a-f]{12}$/, "must be the chapter's 12-character content revision"),
    /** false undoes "mark as read"; omitted means true. */
    read: z.boolean().optional(),
  })
  .strict();

export type MarkReadInput = z.infer<typeof markReadSchema>;

export type ChapterProgressView = {
  chapterId: string;
  revision: string;
  /** ISO time the chapter was marked as read, or null. */
  readAt: string | null;
  quizBestScore: number | null;
  quizPassed: boolean;
};
export type ProgressResponse = { chapters: ChapterProgressView[] };

export const cellRunSchema = z
  .object({
    chapterId: chapterIdSchema,
    revision: z.string().regex(/^[0-9a-f]{12}$/, "must be the chapter's 12-character content revision"),
    cellId: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a cell id like 'train-vs-eval'").max(100),
  })
  .strict();

export type CellRunInput = z.infer<typeof cellRunSchema>;
