// The quiz component's calls to the server: state on load, one POST per answer, retakes.
import type { z } from "zod";
import { getJson, postJson, type ApiResult } from "@/lib/api/client";
import type { retakeSchema, submitAttemptSchema } from "@/lib/quiz/schema";
import type { AttemptResult, QuizProgress, QuizState } from "@/lib/quiz/types";

export type Submission = z.input<typeof submitAttemptSchema>;
export type RetakeRequest = z.input<typeof retakeSchema>;

/** The learner's current state when the server says the page is out of date (409). */
export function staleState(r: ApiResult<unknown>): QuizState | null {
  if (r.ok || r.status !== 409) return null;
  const details = r.details as { state?: QuizState } | undefined;
  return details?.state ?? null;
}

export const fetchState = (chapterId: string) => getJson<QuizState>(`/api/quiz/state?chapterId=${encodeURIComponent(chapterId)}`);

export const submit = (body: Submission) => postJson<{ result: AttemptResult; progress: QuizProgress }>("/api/quiz/attempts", body);

export const retake = (body: RetakeRequest) => postJson<QuizState>("/api/quiz/retake", body);
