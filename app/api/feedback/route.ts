// GET ?chapterId&revision: this learner's vote. POST {chapterId, revision, vote, comment?}: save it.
import { NextResponse } from "next/server";
import { z } from "zod";
import { chapterIdSchema, chapterRevisionSchema } from "@/lib/schemas/ids";
import { learnerRoute } from "@/lib/api/route.server";
import { feedbackOf, saveFeedback } from "@/lib/feedback/feedback.server";
import { feedbackSchema } from "@/lib/feedback/schema";
import { chapterAsSeen, jsonError } from "@/lib/api/http.server";

export const dynamic = "force-dynamic";

const querySchema = z.object({ chapterId: chapterIdSchema, revision: chapterRevisionSchema }).strict();

export const GET = learnerRoute({ mode: "read", query: querySchema }, async ({ learnerId, known, query }) => {
  const current = known ? await feedbackOf(learnerId, query.chapterId, query.revision) : null;
  return NextResponse.json({ feedback: current }, { headers: { "cache-control": "no-store" } });
});

export const POST = learnerRoute(
  { mode: "write", body: feedbackSchema, maxBytes: 16 * 1024, limit: { name: "feedback", tooMany: "Too many feedback submissions" } },
  async ({ learnerId, body }) => {
    if (body.website) return jsonError(400, "Submission rejected.");
    const seen = chapterAsSeen(body.chapterId, body.revision);
    if (!seen.ok) return seen.response;
    const { chapter } = seen;
    const saved = await saveFeedback(learnerId, {
      chapterId: chapter.id,
      revision: chapter.revision,
      vote: body.vote,
      comment: body.comment,
    });
    return NextResponse.json({ feedback: saved }, { headers: { "cache-control": "no-store" } });
  },
);
