"use client";
// The learner's progress (read chapters, passed quizzes and exercises), fetched once per page and
// shared by every component that shows it.
import { learnerReady, postJson } from "@/lib/api/client";
import { useSyncExternalStore } from "react";
import type { ExercisePassInput, MarkReadInput, ProgressResponse } from "@/lib/progress/schema";

type Snapshot = {
  status: "loading" | "ready" | "error";
  read: ReadonlySet<string>;
  quizPassed: ReadonlySet<string>;
  /** Chapter id → ids of its exercises the learner passed. */
  exercisesPassed: ReadonlyMap<string, ReadonlySet<string>>;
};

const EMPTY: Snapshot = { status: "loading", read: new Set(), quizPassed: new Set(), exercisesPassed: new Map() };
let snapshot: Snapshot = EMPTY;
let started = false;
const listeners = new Set<() => void>();

function publish(next: Snapshot) {
  snapshot = next;
  listeners.forEach((l) => l());
}

async function load() {
  try {
    // The page's first learner read (it may mint the cookie); shared with every other API call.
    // Our own API's response (validated on the server); zod stays out of the page's JS budget.
    const body = (await learnerReady()) as ProgressResponse | null;
    if (!body) throw new Error("progress unavailable");
    publish({
      status: "ready",
      read: new Set(body.chapters.filter((c) => c.readAt).map((c) => c.chapterId)),
      quizPassed: new Set(body.chapters.filter((c) => c.quizPassed).map((c) => c.chapterId)),
      exercisesPassed: new Map(body.chapters.map((c) => [c.chapterId, new Set(c.exercisesPassed ?? [])])),
    });
  } catch {
    publish({ ...snapshot, status: "error" });
  }
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!started) {
    started = true;
    void load();
  }
  return () => listeners.delete(listener);
}

export function useProgress(): Snapshot {
  return useSyncExternalStore(
    subscribe,
    () => snapshot,
    () => EMPTY,
  );
}

/** Records a chapter as read (or not read, with `read: false`); resolves to an error message for the learner, or null. */
export async function markRead(input: MarkReadInput): Promise<string | null> {
  const r = await postJson("/api/progress", input);
  if (!r.ok) return r.error;
  const read = new Set(snapshot.read);
  if (input.read === false) read.delete(input.chapterId);
  else read.add(input.chapterId);
  publish({ ...snapshot, status: "ready", read });
  return null;
}

/** Records an exercise as passed; resolves to an error message for the learner, or null. */
export async function markExercisePassed(input: ExercisePassInput): Promise<string | null> {
  const r = await postJson<{ exercisesPassed: string[] }>("/api/progress/exercises", input);
  if (!r.ok) return r.error;
  const exercisesPassed = new Map(snapshot.exercisesPassed);
  exercisesPassed.set(input.chapterId, new Set(r.data.exercisesPassed));
  publish({ ...snapshot, exercisesPassed });
  return null;
}

/** Called by the quiz when the server says the chapter's quiz is passed. */
export function markQuizPassed(chapterId: string) {
  if (!snapshot.quizPassed.has(chapterId)) publish({ ...snapshot, quizPassed: new Set([...snapshot.quizPassed, chapterId]) });
}
