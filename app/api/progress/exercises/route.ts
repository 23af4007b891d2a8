// POST {chapterId, revision, exerciseId}: the learner's code passed one of the chapter's exercises.
import { NextResponse } from "next/server";
import { learnerRoute } from "@/lib/api/route.server";
import { partsOf } from "@/lib/content/parts.server";
import { chapterAsSeen, jsonError } from "@/lib/api/http.server";
import { recordExercisePass } from "@/lib/progress/progress.server";
import { exercisePassSchema } from "@/lib/progress/schema";

export const dynamic = "force-dynamic";

export const POST = learnerRoute(
  { mode: "write", body: exercisePassSchema, limit: { name: "progress", tooMany: "Too many progress updates" } },
  async ({ learnerId, body }) => {
    const seen = chapterAsSeen(body.chapterId, body.revision);
    if (!seen.ok) return seen.response;
    // Only the chapter's real exercises: made-up ids would grow the list without bound.
    if (!(await partsOf(seen.chapter)).exercises.some((e) => e.id === body.exerciseId))
      return jsonError(404, `Chapter "${body.chapterId}" has no exercise "${body.exerciseId}".`);
    const exercisesPassed = await recordExercisePass(learnerId, body);
    return NextResponse.json({ exercisesPassed }, { headers: { "cache-control": "no-store" } });
  },
);
