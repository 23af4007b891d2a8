"use client";
// At a chapter's end: what is left in it (exercises, the quiz, marking it read), or that it is done.
import { chapterState, listInWords, type OutlineChapter } from "@/lib/progress/outline";
import { useProgress } from "./progress-store";
import styles from "./progress.module.css";

export function ChapterRemaining({ chapter }: { chapter: OutlineChapter }) {
  const progress = useProgress();
  const s = progress.status === "ready" ? chapterState(chapter, progress) : null;
  return (
    <p className={styles.remaining} role="status" data-chapter-remaining="">
      {s === null
        ? ""
        : s.finished
          ? "✓ You have finished this chapter: read, every exercise passed and the quiz passed."
          : `Left in this chapter: ${listInWords(s.left)}.`}
    </p>
  );
}
