// GET ?chapterId&revision: this learner's vote. POST {chapterId, revision, vote, comment?}: save it.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { describeIssues } from "@/lib/content/schema";
import { feedbackOf, saveFeedback } from "@/lib/feedback/feedback.server";
import { feedbackSchema } from "@/lib/feedback/schema";
import { chapterAsSeen, jsonError, rateLimited, readJsonBody, withErrors } from "@/lib/http.server";
import { ensureLearner, learnerOrNew, newLearnerLimited, readLearner, setLearnerCookie } from "@/lib/learner/learner.server";
import { invalidLearnerCookie } from "@/lib/learner/responses.server";

export const dynamic = "force-dynamic";

const querySchema = z.object({ chapterId: z.string().min(1).max(200), revision: z.string().regex(/^[0-9a-f]{12}$/) }).strict();

export const GET = withErrors(async (request: NextRequest) => {
  const query = querySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!query.success) return jsonError(400, `Invalid query: ${describeIssues(query.error)}`);
  const learner = learnerOrNew(request);
  if (learner.kind === "invalid") return invalidLearnerCookie(learner.message);
  const current = learner.kind === "known" ? await feedbackOf(learner.id, query.data.chapterId, query.data.revision) : null;
  const response = NextResponse.json({ feedback: current }, { headers: { "cache-control": "no-store" } });
  if (learner.kind === "new") setLearnerCookie(response, learner.id, request);
  return response;
});

export const POST = withErrors(async (request: NextRequest) => {
  const learner = readLearner(request);
  if (learner.kind === "invalid") return invalidLearnerCookie(learner.message);
  const limited = (await rateLimited("feedback", request, learner, "Too many feedback submissions")) ?? (await newLearnerLimited(request, learner));
  if (limited) return limited;
  const parsed = await readJsonBody(request, feedbackSchema, 16 * 1024);
  if (!parsed.ok) return parsed.response;
  if (parsed.data.website) return jsonError(400, "Submission rejected.");
  const seen = chapterAsSeen(parsed.data.chapterId, parsed.data.revision);
  if (!seen.ok) return seen.response;
  const { chapter } = seen;
  const { id, isNew } = await ensureLearner(learner);
  const saved = await saveFeedback(id, { chapterId: chapter.id, revision: chapter.revision, vote: parsed.data.vote, comment: parsed.data.comment });
  const response = NextResponse.json({ feedback: saved }, { headers: { "cache-control": "no-store" } });
  if (isNew) setLearnerCookie(response, id, request);
  return response;
});
