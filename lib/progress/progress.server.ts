// A learner's progress: chapters read, code cells run, exercises passed.
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

/** Adds `item` to a JSON id list of the learner's chapter row. */
function addToList(
  learnerId: string,
  chapter: { chapterId: string; revision: string },
  column: "cellsRun" | "exercisesPassed",
  item: string,
) {
  const key = { learnerId_chapterId: { learnerId, chapterId: chapter.chapterId } };
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

export function recordCellRun(learnerId: string, input: CellRunInput): Promise<string[]> {
  return addToList(learnerId, input, "cellsRun", input.cellId);
}

/** Self-checked: the check ran in the learner's browser. */
export function recordExercisePass(learnerId: string, input: ExercisePassInput): Promise<string[]> {
  return addToList(learnerId, input, "exercisesPassed", input.exerciseId);
}
