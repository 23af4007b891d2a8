// GET: how answers are made. POST {chapterId, revision, question, attachment?}: streamed NDJSON events.
import { NextResponse } from "next/server";
import { learnerRoute } from "@/lib/api/route.server";
import { answer } from "@/lib/ask/ask.server";
import { modelConfig } from "@/lib/ask/config.server";
import { askSchema } from "@/lib/ask/schema";
import type { AskConfigView } from "@/lib/ask/types";
import { chapterAsSeen, withErrors } from "@/lib/api/http.server";

export const dynamic = "force-dynamic";

export const GET = withErrors(async () => {
  const config = modelConfig();
  // The model's name only: never its URL or key.
  const view: AskConfigView = config ? { mode: "model", model: config.model } : { mode: "course" };
  return NextResponse.json(view, { headers: { "cache-control": "no-store" } });
});

export const POST = learnerRoute(
  { mode: "write", body: askSchema, maxBytes: 48 * 1024, limit: { name: "ask", tooMany: "Too many questions" } },
  async ({ request, learnerId, body: input }) => {
    const seen = chapterAsSeen(input.chapterId, input.revision);
    if (!seen.ok) return seen.response;
    const { chapter } = seen;
    const config = modelConfig();

    const encoder = new TextEncoder();
    const events = answer(learnerId, chapter, input, config, request.signal);
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
    return new NextResponse(body, {
      headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" },
    });
  },
);
