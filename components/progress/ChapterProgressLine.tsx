"use client";
// One chapter's state next to its title: read, exercises n/m, quiz.
import { chapterState, type OutlineChapter } from "@/lib/progress/outline";
import { useProgress } from "./progress-store";
import styles from "./progress.module.css";

export function ChapterProgressLine({ chapter }: { chapter: OutlineChapter }) {
  const progress = useProgress();
  if (progress.status !== "ready") return null;
  const s = chapterState(chapter, progress);
  if (s.done === 0) return null;
  return (
    <span className={styles.chapterLine} data-finished={s.finished}>
      <span className="sr-only">Your progress: </span>
      <span data-done={s.read}>{s.read ? "✓ Read" : "Not read"}</span>
      {s.exercises > 0 ? (
        <span data-done={s.exercisesPassed === s.exercises}>
          Exercises {s.exercisesPassed}/{s.exercises}
        </span>
      ) : null}
      {s.quizPassed !== null ? <span data-done={s.quizPassed}>{s.quizPassed ? "★ Quiz passed" : "Quiz to do"}</span> : null}
    </span>
  );
}
