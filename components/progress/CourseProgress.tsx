"use client";
// A course's progress bar and "Continue with <next unfinished chapter>" (home and course pages).
// Before the learner's progress loads (or without JavaScript) it offers the first chapter.
import Link from "next/link";
import { courseState, type OutlineChapter } from "@/lib/progress/outline";
import { useProgress } from "./progress-store";
import styles from "./progress.module.css";

export function CourseProgress({ courseTitle, chapters }: { courseTitle: string; chapters: OutlineChapter[] }) {
  const progress = useProgress();
  const first = chapters[0];
  if (!first) return null;
  const ready = progress.status === "ready";
  const state = courseState(chapters, progress);
  const target = ready ? state.next : first;
  const verb = ready && state.started ? "Continue with" : "Start with";
  return (
    <div className={styles.course}>
      <div className={styles.barRow}>
        <div
          role="progressbar"
          aria-label={`Progress in ${courseTitle}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={ready ? state.percent : 0}
          aria-valuetext={ready ? `${state.percent}%: ${state.done} of ${state.total} steps done` : "Loading your progress"}
          className={styles.bar}
        >
          <span className={styles.fill} style={{ width: `${ready ? state.percent : 0}%` }} />
        </div>
        <span className={styles.percent} aria-hidden="true">
          {ready ? `${state.percent}%` : ""}
        </span>
      </div>
      <p className={styles.steps}>
        {ready ? `${state.done} of ${state.total} steps done: reading each chapter, its exercises and its quiz.` : " "}
      </p>
      {target ? (
        <p className={styles.continue}>
          <Link href={target.href} className="button">
            {verb} {target.label} {target.title}
          </Link>
        </p>
      ) : (
        <p className={styles.continue}>You have finished every chapter of this course. Well done.</p>
      )}
    </div>
  );
}
