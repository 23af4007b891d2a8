"use client";
// The learner's read chapters, fetched once per page and shared by every component that shows them.
import { learnerReady, postJson } from "@/lib/api/client";
import { useSyncExternalStore } from "react";
import type { MarkReadInput, ProgressResponse } from "@/lib/progress/schema";

type Snapshot = { status: "loading" | "ready" | "error"; read: ReadonlySet<string>; quizPassed: ReadonlySet<string> };

let snapshot: Snapshot = { status: "loading", read: new Set(), quizPassed: new Set() };
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

const serverSnapshot: Snapshot = { status: "loading", read: new Set(), quizPassed: new Set() };

export function useProgress(): Snapshot {
  return useSyncExternalStore(
    subscribe,
    () => snapshot,
    () => serverSnapshot,
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

/** Called by the quiz when the server says the chapter's quiz is passed. */
export function markQuizPassed(chapterId: string) {
  if (!snapshot.quizPassed.has(chapterId)) publish({ ...snapshot, quizPassed: new Set([...snapshot.quizPassed, chapterId]) });
}
