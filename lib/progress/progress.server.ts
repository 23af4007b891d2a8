// Reading and recording which chapters a learner has read.
import "server-only";
import { db, retryBusy } from "@/lib/db.server";
import type { CellRunInput, ChapterProgressView, MarkReadInput, ProgressResponse } from "./schema";

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

/** Marks the chapter as read (or, with `read: false`, as not read again). */
export async function markChapterRead(learnerId: string, input: MarkReadInput): Promise<ChapterProgressView> {
  const readAt = input.read === false ? null : new Date();
  return view(
    await retryBusy(() =>
      db.chapterProgress.upsert({
        where: { learnerId_chapterId: { learnerId, chapterId: input.chapterId } },
        create: { learnerId, chapterId: input.chapterId, revision: input.revision, readAt },
        update: { revision: input.revision, readAt },
        select: columns,
      }),
    ),
  );
}

export async function progressOf(learnerId: string): Promise<ProgressResponse> {
  const rows = await db.chapterProgress.findMany({ where: { learnerId }, select: columns, orderBy: { chapterId: "asc" } });
  return { chapters: rows.map(view) };
}

/** Records that the learner ran a code cell of the chapter (each cell counted once). */
export async function recordCellRun(learnerId: string, input: CellRunInput): Promise<string[]> {
  const key = { learnerId_chapterId: { learnerId, chapterId: input.chapterId } };
  // Read, then write: under WAL another process's commit in between is SQLITE_BUSY, not a wait.
  return retryBusy(() =>
    db.$transaction(async (tx) => {
      const row = await tx.chapterProgress.findUnique({ where: key, select: { cellsRun: true } });
      const cells = new Set(row ? (JSON.parse(row.cellsRun) as string[]) : []);
      cells.add(input.cellId);
      const cellsRun = JSON.stringify([...cells].sort());
      await tx.chapterProgress.upsert({
        where: key,
        create: { learnerId, chapterId: input.chapterId, revision: input.revision, cellsRun },
        update: { cellsRun },
        select: { id: true },
      });
      return [...cells].sort();
    }),
  );
}
