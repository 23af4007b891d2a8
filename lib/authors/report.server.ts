// The authors' report: feedback per chapter and revision, and quiz statistics per question.
// Aggregates run in the database with SQL that SQLite and PostgreSQL both accept.
import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { getChapterById, getCourses } from "@/lib/content/course.server";
import { chaptersInOrder } from "@/lib/content/load";
import { db } from "@/lib/db.server";
import { getQuiz } from "@/lib/quiz/quiz.server";

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export type ChapterFeedback = {
  chapterId: string;
  title: string;
  revision: string;
  votes: number;
  clear: number;
  comments: number;
  lastAt: Date | null;
};

export type QuestionStats = {
  chapterId: string;
  chapterTitle: string;
  questionId: string;
  promptHtml: string;
  attempts: number;
  learners: number;
  facility: number | null;
  fullyCorrect: number;
  firstAttempts: number;
  firstScore: number | null;
  laterScore: number | null;
  choices: { id: string; html: string; correct: boolean; picked: number }[];
};

export type Comment = { chapterId: string; revision: string; clear: boolean; comment: string; updatedAt: Date };

/** Feedback counts per chapter and revision (optionally one revision only). */
export async function feedbackSummary(revision?: string): Promise<ChapterFeedback[]> {
  const where = revision ? Prisma.sql`WHERE "revision" = ${revision}` : Prisma.empty;
  const rows = await db.$queryRaw<
    { chapterId: string; revision: string; votes: unknown; clear: unknown; comments: unknown; lastAt: unknown }[]
  >`
    SELECT "chapterId", "revision", COUNT(*) AS "votes", SUM(CASE WHEN "clear" THEN 1 ELSE 0 END) AS "clear",
           COUNT("comment") AS "comments", MAX("updatedAt") AS "lastAt"
    FROM "Feedback" ${where}
    GROUP BY "chapterId", "revision"`;
  return rows
    .map((r) => ({
      chapterId: r.chapterId,
      title: getChapterById(r.chapterId)?.title ?? r.chapterId,
      revision: r.revision,
      votes: num(r.votes) ?? 0,
      clear: num(r.clear) ?? 0,
      comments: num(r.comments) ?? 0,
      lastAt: r.lastAt ? new Date(r.lastAt as string) : null,
    }))
    .sort((a, b) => a.title.localeCompare(b.title) || (b.lastAt?.getTime() ?? 0) - (a.lastAt?.getTime() ?? 0));
}

export async function recentComments(revision?: string, take = 30): Promise<Comment[]> {
  const rows = await db.feedback.findMany({
    where: { comment: { not: null }, ...(revision ? { revision } : {}) },
    orderBy: { updatedAt: "desc" },
    take,
    select: { chapterId: true, revision: true, clear: true, comment: true, updatedAt: true },
  });
  return rows.map((r) => ({ ...r, comment: r.comment ?? "" }));
}

/** Per question: attempts, learners, facility (mean score), share fully correct, first attempts (of the first round) vs later ones (retries and retakes), choice picks. */
export async function quizStatistics(): Promise<QuestionStats[]> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT "chapterId", "questionId", COUNT(*) AS "attempts", COUNT(DISTINCT "learnerId") AS "learners",
           AVG("score") AS "facility", SUM(CASE WHEN "correct" THEN 1 ELSE 0 END) AS "fullyCorrect",
           SUM(CASE WHEN "round" = 1 AND "attempt" = 1 THEN 1 ELSE 0 END) AS "firstAttempts",
           AVG(CASE WHEN "round" = 1 AND "attempt" = 1 THEN "score" END) AS "firstScore",
           AVG(CASE WHEN "round" > 1 OR "attempt" > 1 THEN "score" END) AS "laterScore"
    FROM "QuizAttempt"
    GROUP BY "chapterId", "questionId"`;
  const byKey = new Map(rows.map((r) => [`${r.chapterId}/${r.questionId}`, r]));

  // How often each choice was picked: attempts grouped by their selection (few distinct ones).
  const selections = await db.$queryRaw<{ chapterId: string; questionId: string; selected: string; n: unknown }[]>`
    SELECT "chapterId", "questionId", "selected", COUNT(*) AS "n"
    FROM "QuizAttempt"
    GROUP BY "chapterId", "questionId", "selected"`;
  const picks = new Map<string, Map<string, number>>();
  for (const s of selections) {
    const key = `${s.chapterId}/${s.questionId}`;
    const counts = picks.get(key) ?? new Map<string, number>();
    for (const id of JSON.parse(s.selected) as string[]) counts.set(id, (counts.get(id) ?? 0) + (num(s.n) ?? 0));
    picks.set(key, counts);
  }

  const stats: QuestionStats[] = [];
  for (const course of getCourses()) {
    for (const chapter of chaptersInOrder(course)) {
      const quiz = getQuiz(chapter);
      if (!quiz) continue;
      for (const q of quiz.questions) {
        const r = byKey.get(`${chapter.id}/${q.id}`);
        const counts = picks.get(`${chapter.id}/${q.id}`);
        stats.push({
          chapterId: chapter.id,
          chapterTitle: chapter.title,
          questionId: q.id,
          promptHtml: q.promptHtml,
          attempts: num(r?.attempts) ?? 0,
          learners: num(r?.learners) ?? 0,
          facility: num(r?.facility),
          fullyCorrect: num(r?.fullyCorrect) ?? 0,
          firstAttempts: num(r?.firstAttempts) ?? 0,
          firstScore: num(r?.firstScore),
          laterScore: num(r?.laterScore),
          choices: q.choices.map((c) => ({ id: c.id, html: c.html, correct: c.correct, picked: counts?.get(c.id) ?? 0 })),
        });
      }
    }
  }
  return stats;
}

/** Revisions that have feedback, newest activity first (for the filter). */
export async function feedbackRevisions(): Promise<{ chapterId: string; revision: string }[]> {
  const rows = await db.feedback.groupBy({
    by: ["chapterId", "revision"],
    _max: { updatedAt: true },
    orderBy: { _max: { updatedAt: "desc" } },
  });
  return rows.map((r) => ({ chapterId: r.chapterId, revision: r.revision }));
}

export type AskedQuestion = { chapterId: string; question: string; answeredBy: string; withCode: boolean; createdAt: Date };

/** "What learners ask about": the latest questions from the Ask AI panel. */
export async function recentQuestions(take = 50): Promise<{ total: number; notCovered: number; latest: AskedQuestion[] }> {
  const [total, notCovered, latest] = await Promise.all([
    db.askQuestion.count(),
    db.askQuestion.count({ where: { answeredBy: "not-covered" } }),
    db.askQuestion.findMany({
      orderBy: { createdAt: "desc" },
      take,
      select: { chapterId: true, question: true, answeredBy: true, withCode: true, createdAt: true },
    }),
  ]);
  return { total, notCovered, latest };
}
