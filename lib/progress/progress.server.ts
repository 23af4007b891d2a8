// Reading and recording which chapters a learner has read.
import "server-only";
import { db } from "@/lib/db.server";
import type { CellRunInput, ChapterProgressView, ExercisePassInput, MarkReadInput, ProgressResponse } from "./schema";

const columns = { chapterId: true, revision: true, readAt: true, quizBestScore: true, quizPassedAt: true, exercisesPassed: true } as const;

type Row = {
  chapterId: string;
  revision: string;
  readAt: Date | null;
  quizBestScore: number | null;
  quizPassedAt: Date | null;
  exercisesPassed: string;
};

function view(r: Row): ChapterProgressView {
  return {
    chapterId: r.chapterId,
    revision: r.revision,
    readAt: r.readAt?.toISOString() ?? null,
    quizBestScore: r.quizBestScore,
    quizPassed: r.quizPassedAt !== null,
    exercisesPassed: JSON.parse(r.exercisesPassed) as string[],
  };
}

/** Marks the chapter as read (or, with `read: false`, as not read again). */
export async function markChapterRead(learnerId: string, input: MarkReadInput): Promise<ChapterProgressView> {
  const readAt = input.read === false ? null : new Date();
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

/** Adds `item` to the JSON id list `column` of the learner's row for the chapter; returns the list. */
function addToList(
  learnerId: string,
  chapter: { chapterId: string; revision: string },
  column: "cellsRun" | "exercisesPassed",
  item: string,
) {
  const key = { learnerId_chapterId: { learnerId, chapterId: chapter.chapterId } };
  // Read, then write: under WAL another process's commit in between is SQLITE_BUSY, not a wait.
  return db.$transaction(async (tx) => {
    const row = await tx.chapterProgress.findUnique({ where: key, select: { cellsRun: true, exercisesPassed: true } });
    const items = [...new Set([...(row ? (JSON.parse(row[column]) as string[]) : []), item])].sort();
    const value = JSON.stringify(items);
    await tx.chapterProgress.upsert({
      where: key,
      create: { learnerId, chapterId: chapter.chapterId, revision: chapter.revision, [column]: value },
      update: { [column]: value },
      select: { id: true },
    });
    return items;
  });
}

/** Records that the learner ran a code cell of the chapter (each cell counted once). */
export function recordCellRun(learnerId: string, input: CellRunInput): Promise<string[]> {
  return addToList(learnerId, input, "cellsRun", input.cellId);
}

/** Records that the learner's code passed an exercise's check (self-checked: the check ran in their browser). */
export function recordExercisePass(learnerId: string, input: ExercisePassInput): Promise<string[]> {
  return addToList(learnerId, input, "exercisesPassed", input.exerciseId);
}
