// The authors' report, in SQL both SQLite and PostgreSQL accept (decision 0162).
import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { getChapterById, getCourses } from "@/lib/content/course.server";
import { chaptersInOrder } from "@/lib/content/load";
import { db } from "@/lib/db.server";
import { getQuiz, renderFor, type LoadedQuestion } from "@/lib/quiz/quiz.server";
import type { QuestionType } from "@/lib/quiz/types";
import {
  choicePicks,
  correlationFromSums,
  flagsFor,
  paramThirds,
  stepsInPlace,
  type Discrimination,
  type Flag,
  type ParamThirds,
} from "./item-analysis";

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

/** Per question; "later" attempts are retries and retakes. */
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

  // Choice items only: typed numbers would make a row per attempt.
  const ids = bankItems()
    .filter(({ q }) => q.kind === "choice")
    .map(({ q }) => q.id);
  const selections = ids.length
    ? await db.$queryRaw<{ chapterId: string; questionId: string; selected: string; n: unknown }[]>`
    SELECT "chapterId", "questionId", "selected", COUNT(*) AS "n"
    FROM "QuizAttempt"
    WHERE "questionId" IN (${Prisma.join(ids)})
    GROUP BY "chapterId", "questionId", "selected"`
    : [];
  const picks = new Map<string, Map<string, number>>();
  for (const s of selections) {
    const key = `${s.chapterId}/${s.questionId}`;
    const counts = picks.get(key) ?? new Map<string, number>();
    for (const id of JSON.parse(s.selected) as string[]) counts.set(id, (counts.get(id) ?? 0) + (num(s.n) ?? 0));
    picks.set(key, counts);
  }

  return bankItems().map(({ chapter, q }): QuestionStats => {
    const r = byKey.get(`${chapter.id}/${q.id}`);
    const counts = picks.get(`${chapter.id}/${q.id}`);
    return {
      chapterId: chapter.id,
      chapterTitle: chapter.title,
      questionId: q.id,
      promptHtml: labelHtml(q),
      attempts: num(r?.attempts) ?? 0,
      learners: num(r?.learners) ?? 0,
      facility: num(r?.facility),
      fullyCorrect: num(r?.fullyCorrect) ?? 0,
      firstAttempts: num(r?.firstAttempts) ?? 0,
      firstScore: num(r?.firstScore),
      laterScore: num(r?.laterScore),
      choices:
        q.kind === "choice" ? q.choices.map((c) => ({ id: c.id, html: c.html, correct: c.correct, picked: counts?.get(c.id) ?? 0 })) : [],
    };
  });
}

/** Every item of every chapter's bank, in course order. */
function bankItems(): { chapter: { id: string; title: string }; q: LoadedQuestion }[] {
  const items: { chapter: { id: string; title: string }; q: LoadedQuestion }[] = [];
  for (const course of getCourses())
    for (const chapter of chaptersInOrder(course)) for (const q of getQuiz(chapter)?.questions ?? []) items.push({ chapter, q });
  return items;
}

/** An item's prompt as HTML: numeric-like items with each parameter at its minimum. */
export function labelHtml(q: LoadedQuestion): string {
  if (q.kind !== "number") return q.promptHtml;
  return renderFor(q, Object.fromEntries(Object.entries(q.params).map(([name, p]) => [name, p.min]))).promptHtml;
}

export type ItemStats = {
  chapterId: string;
  chapterTitle: string;
  questionId: string;
  type: QuestionType;
  kind: LoadedQuestion["kind"];
  labelHtml: string;
  /** By learners who had not seen solutions before. */
  firstAttempts: number;
  correct: number;
  facility: number | null;
  meanScore: number | null;
  discrimination: Discrimination;
  flags: Flag[];
  choices?: { id: string; html: string; correct: boolean; picked: number }[];
  /** In the right order. */
  steps?: { id: string; html: string; inPlace: number }[];
  params?: ParamThirds[];
};

const FIRST = Prisma.sql`"attempt" = 1 AND NOT "informed"`;

/** Four grouped queries; correlations come from sums (item-analysis.ts). */
export async function itemAnalysis(): Promise<ItemStats[]> {
  const items = bankItems();
  const withSelections = [...new Set(items.filter(({ q }) => q.kind !== "number").map(({ q }) => q.id))];
  const [facility, sums, selections, params] = await Promise.all([
    db.$queryRaw<Record<string, unknown>[]>`
      SELECT "chapterId", "questionId", COUNT(*) AS "n", SUM(CASE WHEN "correct" THEN 1 ELSE 0 END) AS "correct",
             AVG("score") AS "meanScore"
      FROM "QuizAttempt"
      WHERE ${FIRST}
      GROUP BY "chapterId", "questionId"`,
    // Per item: sums of x (its score), y (the round's mean), z (the mean of the round's other items).
    db.$queryRaw<Record<string, unknown>[]>`
      WITH "rounds" AS (
        SELECT "learnerId", "chapterId", "round", 1.0 * SUM("score") AS "total", COUNT(*) AS "k"
        FROM "QuizAttempt"
        WHERE "attempt" = 1
        GROUP BY "learnerId", "chapterId", "round"
        HAVING COUNT(*) >= 2 AND SUM(CASE WHEN "informed" THEN 1 ELSE 0 END) = 0
      ), "pairs" AS (
        SELECT a."chapterId", a."questionId", a."score" AS "x", r."total" / r."k" AS "y",
               (r."total" - a."score") / (r."k" - 1) AS "z"
        FROM "QuizAttempt" a
        JOIN "rounds" r ON r."learnerId" = a."learnerId" AND r."chapterId" = a."chapterId" AND r."round" = a."round"
        WHERE a."attempt" = 1
      )
      SELECT "chapterId", "questionId", COUNT(*) AS "n", SUM("x") AS "sx", SUM("y") AS "sy", SUM("z") AS "sz",
             SUM("x" * "x") AS "sxx", SUM("y" * "y") AS "syy", SUM("z" * "z") AS "szz",
             SUM("x" * "y") AS "sxy", SUM("x" * "z") AS "sxz"
      FROM "pairs"
      GROUP BY "chapterId", "questionId"`,
    withSelections.length
      ? db.$queryRaw<{ chapterId: string; questionId: string; selected: string; n: unknown }[]>`
      SELECT "chapterId", "questionId", "selected", COUNT(*) AS "n"
      FROM "QuizAttempt"
      WHERE ${FIRST} AND "questionId" IN (${Prisma.join(withSelections)})
      GROUP BY "chapterId", "questionId", "selected"`
      : [],
    db.$queryRaw<{ chapterId: string; questionId: string; params: string; n: unknown; correct: unknown }[]>`
      SELECT "chapterId", "questionId", "params", COUNT(*) AS "n", SUM(CASE WHEN "correct" THEN 1 ELSE 0 END) AS "correct"
      FROM "QuizAttempt"
      WHERE ${FIRST} AND "params" IS NOT NULL
      GROUP BY "chapterId", "questionId", "params"`,
  ]);

  const keyOf = (r: { chapterId?: unknown; questionId?: unknown }) => `${String(r.chapterId)}/${String(r.questionId)}`;
  const group = <T extends { chapterId: string; questionId: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const r of rows) map.set(keyOf(r), [...(map.get(keyOf(r)) ?? []), r]);
    return map;
  };
  const facilityBy = new Map(facility.map((r) => [keyOf(r), r]));
  const sumsBy = new Map(sums.map((r) => [keyOf(r), r]));
  const selectionsBy = group(selections.map((s) => ({ ...s, n: num(s.n) ?? 0 })));
  const paramsBy = group(params.map((p) => ({ ...p, n: num(p.n) ?? 0, correct: num(p.correct) ?? 0 })));

  return items.map(({ chapter, q }): ItemStats => {
    const key = `${chapter.id}/${q.id}`;
    const f = facilityBy.get(key);
    const s = sumsBy.get(key);
    const n = num(f?.n) ?? 0;
    const correct = num(f?.correct) ?? 0;
    const at = (name: string) => num(s?.[name]) ?? 0;
    const discrimination: Discrimination = {
      n: at("n"),
      r: correlationFromSums({ n: at("n"), sx: at("sx"), sy: at("sy"), sxx: at("sxx"), syy: at("syy"), sxy: at("sxy") }),
      rest: correlationFromSums({ n: at("n"), sx: at("sx"), sy: at("sz"), sxx: at("sxx"), syy: at("szz"), sxy: at("sxz") }),
    };
    const stats: ItemStats = {
      chapterId: chapter.id,
      chapterTitle: chapter.title,
      questionId: q.id,
      type: q.type,
      kind: q.kind,
      labelHtml: labelHtml(q),
      firstAttempts: n,
      correct,
      facility: n ? correct / n : null,
      meanScore: num(f?.meanScore),
      discrimination,
      flags: flagsFor({ facility: n ? correct / n : null, discrimination: discrimination.r, firstAttempts: n }),
    };
    const picked = selectionsBy.get(key) ?? [];
    if (q.kind === "choice") {
      const picks = choicePicks(
        picked,
        q.choices.map((c) => c.id),
      );
      stats.choices = q.choices.map((c) => ({ id: c.id, html: c.html, correct: c.correct, picked: picks.get(c.id) ?? 0 }));
    } else if (q.kind === "ordering") {
      const inPlace = stepsInPlace(
        picked,
        q.steps.map((st) => st.id),
      );
      stats.steps = q.steps.map((st) => ({ id: st.id, html: st.html, inPlace: inPlace.get(st.id) ?? 0 }));
    } else if (Object.keys(q.params).length || paramsBy.has(key)) {
      stats.params = paramThirds(paramsBy.get(key) ?? [], q.params);
    }
    return stats;
  });
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
