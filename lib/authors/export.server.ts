// CSV exports of feedback and quiz attempts, streamed page by page.
import "server-only";
import { db } from "@/lib/db.server";
import { csvRow } from "./csv";
import { FLAG_TEXT } from "./item-analysis";
import { itemAnalysis, type ItemStats } from "./report.server";

const PAGE = 2_000;

function stream(header: string[], fetchPage: (afterId: number) => Promise<{ id: number; cells: unknown[] }[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let afterId = 0;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvRow(header)));
      }
      const rows = await fetchPage(afterId);
      const last = rows.at(-1);
      if (!last) return controller.close();
      afterId = last.id;
      controller.enqueue(encoder.encode(rows.map((r) => csvRow(r.cells)).join("")));
    },
  });
}

export function feedbackCsv() {
  return stream(["chapter", "revision", "learner", "clear", "comment", "created_at", "updated_at"], async (afterId) =>
    (await db.feedback.findMany({ where: { id: { gt: afterId } }, orderBy: { id: "asc" }, take: PAGE })).map((f) => ({
      id: f.id,
      cells: [f.chapterId, f.revision, f.learnerId, f.clear ? "yes" : "no", f.comment, f.createdAt, f.updatedAt],
    })),
  );
}

export function attemptsCsv() {
  return stream(
    ["chapter", "question", "quiz_revision", "learner", "round", "attempt", "selected", "shown_order", "score", "correct", "created_at"],
    async (afterId) =>
      (await db.quizAttempt.findMany({ where: { id: { gt: afterId } }, orderBy: { id: "asc" }, take: PAGE })).map((a) => ({
        id: a.id,
        cells: [
          a.chapterId,
          a.questionId,
          a.revision,
          a.learnerId,
          a.round,
          a.attempt,
          (JSON.parse(a.selected) as string[]).join(" "),
          (JSON.parse(a.shownOrder) as string[]).join(" "),
          a.score,
          a.correct,
          a.createdAt,
        ],
      })),
  );
}

const round4 = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);
const ratio = (right: number, n: number) => `${right}/${n}`;

export const ITEM_COLUMNS = [
  "chapter",
  "question",
  "type",
  "first_attempts",
  "first_correct",
  "facility",
  "mean_first_score",
  "discrimination_r",
  "discrimination_r_rest",
  "discrimination_rounds",
  "flags",
  "choice_picks",
  "steps_in_place",
  "param_thirds",
] as const;

/** "*" marks the key. */
export function itemCells(s: ItemStats): unknown[] {
  return [
    s.chapterId,
    s.questionId,
    s.type,
    s.firstAttempts,
    s.correct,
    round4(s.facility),
    round4(s.meanScore),
    round4(s.discrimination.r),
    round4(s.discrimination.rest),
    s.discrimination.n,
    s.flags.map((f) => FLAG_TEXT[f]).join("; "),
    s.choices?.map((c) => `${c.id}${c.correct ? "*" : ""} ${ratio(c.picked, s.firstAttempts)}`).join("; ") ?? "",
    s.steps?.map((st) => `${st.id} ${ratio(st.inPlace, s.firstAttempts)}`).join("; ") ?? "",
    s.params?.map((p) => `${p.name}: ${p.thirds.map((t) => `${t.third} ${ratio(t.correct, t.n)}`).join(", ")}`).join("; ") ?? "",
  ];
}

/** Small: built at once. */
export async function itemsCsv(): Promise<string> {
  return [ITEM_COLUMNS as readonly unknown[], ...(await itemAnalysis()).map(itemCells)].map((cells) => csvRow([...cells])).join("");
}

export function csvResponse(body: ReadableStream<Uint8Array> | string, name: string) {
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
}
