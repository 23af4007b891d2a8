// GET: the learner's read chapters. POST {chapterId, revision}: mark a chapter as read.
import { NextResponse } from "next/server";
import { learnerRoute } from "@/lib/api/route.server";
import { chapterAsSeen } from "@/lib/api/http.server";
import { markChapterRead, progressOf } from "@/lib/progress/progress.server";
import { markReadSchema } from "@/lib/progress/schema";

export const dynamic = "force-dynamic";

// Chapter pages ask on load: a browser without a valid learner cookie gets one here.
export const GET = learnerRoute({ mode: "read" }, async ({ learnerId, known }) =>
  NextResponse.json(known ? await progressOf(learnerId) : { chapters: [] }, { headers: { "cache-control": "no-store" } }),
);

export const POST = learnerRoute(
  { mode: "write", body: markReadSchema, limit: { name: "progress", tooMany: "Too many progress updates" } },
  async ({ learnerId, body }) => {
    const seen = chapterAsSeen(body.chapterId, body.revision);
    if (!seen.ok) return seen.response;
    const chapter = await markChapterRead(learnerId, body);
    return NextResponse.json({ chapter }, { headers: { "cache-control": "no-store" } });
  },
);
