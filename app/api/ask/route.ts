// GET: how answers are made (course text or a model). POST {chapterId, revision, question,
// attachment?}: streams the answer as newline-delimited JSON events.
import { NextResponse, type NextRequest } from "next/server";
import { answer } from "@/lib/ask/ask.server";
import { modelConfig } from "@/lib/ask/config.server";
import { askSchema } from "@/lib/ask/schema";
import type { AskConfigView } from "@/lib/ask/types";
import { chapterAsSeen, rateLimited, readJsonBody, withErrors } from "@/lib/http.server";
import { ensureLearner, newLearnerLimited, readLearner, setLearnerCookie } from "@/lib/learner/learner.server";
import { invalidLearnerCookie } from "@/lib/learner/responses.server";

export const dynamic = "force-dynamic";

export const GET = withErrors(async () => {
  const config = modelConfig();
  // The model's name only: never its URL or key.
  const view: AskConfigView = config ? { mode: "model", model: config.model } : { mode: "course" };
  return NextResponse.json(view, { headers: { "cache-control": "no-store" } });
});

export const POST = withErrors(async (request: NextRequest) => {
  const learner = readLearner(request);
  if (learner.kind === "invalid") return invalidLearnerCookie(learner.message);
  const limited = (await rateLimited("ask", request, learner, "Too many questions")) ?? (await newLearnerLimited(request, learner));
  if (limited) return limited;
  const parsed = await readJsonBody(request, askSchema, 48 * 1024);
  if (!parsed.ok) return parsed.response;
  const seen = chapterAsSeen(parsed.data.chapterId, parsed.data.revision);
  if (!seen.ok) return seen.response;
  const { chapter } = seen;
  const config = modelConfig();
  const { id, isNew } = await ensureLearner(learner);

  const encoder = new TextEncoder();
  const events = answer(id, chapter, parsed.data, config, request.signal);
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await events.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(`${JSON.stringify(next.value)}\n`));
    },
    async cancel() {
      await events.return(undefined);
    },
  });
  const response = new NextResponse(body, {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" },
  });
  if (isNew) setLearnerCookie(response, id, request);
  return response;
});
