// Reading and recording which chapters a learner has read.
import "server-only";
import { db } from "@/lib/db.server";
import type { ChapterProgressView, MarkReadInput, ProgressResponse } from "./schema";

const columns = { chapterId: true, revision: true, readAt: true, quizBestScore: true, quizPassedAt: true } as const;

type Row = { chapterId: string; revision: string; readAt: Date | null; quizBestScore: number | null; quizPassedAt: Date | null };

function view(r: Row): ChapterProgressView {
  return {
    chapterId: r.chapterId,
    revision: r.revision,
    readAt: r.readAt?.toISOString() ?? null,
    quizBestScore: r.quizBestScore,
    quizPassed: r.quizPassedAt !== null,
  };
}

export async function markChapterRead(learnerId: string, input: MarkReadInput): Promise<ChapterProgressView> {
  const readAt = new Date();
  return view(
    await db.chapterProgress.upsert({
      where: { learnerId_chapterId: { learnerId, chapterId: input.chapterId } },
      create: { learnerId, chapterId: input.chapterId, revision: input.revision, readAt },
      update: { revision: input.revision, readAt },
      select: columns,
    }),
  );
}

export async function progressOf(learnerId: string): Promise<ProgressResponse> {
  const rows = await db.chapterProgress.findMany({ where: { learnerId }, select: columns, orderBy: { chapterId: "asc" } });
  return { chapters: rows.map(view) };
}
