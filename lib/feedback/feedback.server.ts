// A learner's vote on a chapter revision: stored and read back.
import "server-only";
import { db } from "@/lib/db.server";
import type { FeedbackView } from "./types";

type Vote = { chapterId: string; revision: string; vote: "yes" | "no"; comment: string | null };

const view = (row: { clear: boolean; comment: string | null; updatedAt: Date }): FeedbackView => ({
  vote: row.clear ? "yes" : "no",
  comment: row.comment,
  updatedAt: row.updatedAt.toISOString(),
});

/** Replaces an earlier vote on the revision; a vote alone keeps the earlier comment. */
export async function saveFeedback(learnerId: string, input: Vote): Promise<FeedbackView> {
  const key = { learnerId_chapterId_revision: { learnerId, chapterId: input.chapterId, revision: input.revision } };
  const clear = input.vote === "yes";
  return view(
    await db.feedback.upsert({
      where: key,
      create: { learnerId, chapterId: input.chapterId, revision: input.revision, clear, comment: input.comment },
      update: { clear, ...(input.comment !== null ? { comment: input.comment } : {}) },
      select: { clear: true, comment: true, updatedAt: true },
    }),
  );
}

export async function feedbackOf(learnerId: string, chapterId: string, revision: string): Promise<FeedbackView | null> {
  const row = await db.feedback.findUnique({
    where: { learnerId_chapterId_revision: { learnerId, chapterId, revision } },
    select: { clear: true, comment: true, updatedAt: true },
  });
  return row ? view(row) : null;
}
