// CSV exports of feedback and quiz attempts, streamed page by page (large tables stay cheap).
import "server-only";
import { db } from "@/lib/db.server";
import { csvRow } from "./csv";

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

export function csvResponse(body: ReadableStream<Uint8Array>, name: string) {
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
}
