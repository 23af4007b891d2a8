// The ids and revisions API inputs name, one rule each.
import { z } from "zod";

export const chapterIdSchema = z
  .string()
  .max(200)
  .regex(/^[a-z0-9-]+\/[a-z0-9-]+\/[a-z0-9-]+$/, "must be a chapter id like 'course/section/chapter'");

const revision = (what: string) => z.string().regex(/^[0-9a-f]{12}$/, `must be the ${what}'s 12-character revision`);

export const chapterRevisionSchema = revision("chapter");

/** Hash of the quiz file, not of the chapter. */
export const quizRevisionSchema = revision("quiz");

export const slugIdSchema = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a lowercase id like 'train-vs-eval'");
