// Shared zod schemas for the ids and revisions every API input names (one rule each).
import { z } from "zod";

/** A chapter id: its course, section and chapter slugs joined by "/". */
export const chapterIdSchema = z
  .string()
  .max(200)
  .regex(/^[a-z0-9-]+\/[a-z0-9-]+\/[a-z0-9-]+$/, "must be a chapter id like 'course/section/chapter'");

const revision = (what: string) => z.string().regex(/^[0-9a-f]{12}$/, `must be the ${what}'s 12-character revision`);

/** Content hash of a chapter's text (ChapterProgress, Feedback, AskQuestion store it). */
export const chapterRevisionSchema = revision("chapter");

/** Content hash of a chapter's quiz file (QuizAttempt stores it): a different thing. */
export const quizRevisionSchema = revision("quiz");

/** A slug-like id (questions, cells). */
export const slugIdSchema = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a lowercase id like 'train-vs-eval'");
