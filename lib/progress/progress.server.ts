// Reading and recording which chapters a learner has read.
import "server-only";
import { db } from "@/lib/db.server";
import type { MarkReadInput, ProgressResponse } from "./schema";

export async function markChapterRead(learnerId: string, input: MarkReadInput) {
  return db.chapterProgress.upsert({
    where: { learnerId_chapterId: { learnerId, chapterId: input.chapterId } },
    create: { learnerId, chapterId: input.chapterId, revision: input.revision },
    update: { revision: input.revision, readAt: new Date() },
    select: { chapterId: true, revision: true, readAt: true },
  });
}

export async function progressOf(learnerId: string): Promise<ProgressResponse> {
  const rows = await db.chapterProgress.findMany({
    where: { learnerId },
    select: { chapterId: true, revision: true, readAt: true },
    orderBy: { chapterId: "asc" },
  });
  return { chapters: rows.map((r) => ({ ...r, readAt: r.readAt.toISOString() })) };
}
