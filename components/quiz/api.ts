// The quiz component's calls to the server (state on load, one POST per answer).
import type { AttemptResult, QuizProgress, QuizState } from "@/lib/quiz/types";

export type Submission = { chapterId: string; questionId: string; revision: string; selected: string[]; shownOrder: string[] };

async function errorOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: string } | null;
  return body?.error ?? `The server answered HTTP ${response.status}.`;
}

export async function fetchState(chapterId: string): Promise<{ ok: true; state: QuizState } | { ok: false; error: string }> {
  try {
    const response = await fetch(`/api/quiz/state?chapterId=${encodeURIComponent(chapterId)}`, { cache: "no-store" });
    if (!response.ok) return { ok: false, error: await errorOf(response) };
    return { ok: true, state: (await response.json()) as QuizState };
  } catch {
    return { ok: false, error: "Could not reach the server to load your answers." };
  }
}

export async function submit(body: Submission): Promise<{ ok: true; result: AttemptResult; progress: QuizProgress } | { ok: false; error: string }> {
  try {
    const response = await fetch("/api/quiz/attempts", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) return { ok: false, error: await errorOf(response) };
    return { ok: true, ...((await response.json()) as { result: AttemptResult; progress: QuizProgress }) };
  } catch {
    return { ok: false, error: "Could not reach the server. Your answer was not saved; try again." };
  }
}
