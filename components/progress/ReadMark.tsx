"use client";
// Marks next to a chapter: ✓ when the learner marked it as read, a badge when its quiz is passed.
import "./progress.css";
import { useProgress } from "./progress-store";

export function ReadMark({ chapterId }: { chapterId: string }) {
  const { read, quizPassed } = useProgress();
  return (
    <>
      {read.has(chapterId) ? (
        <span className="read-mark" title="Read">
          <span aria-hidden="true">✓</span>
          <span className="sr-only"> (read)</span>
        </span>
      ) : null}
      {quizPassed.has(chapterId) ? (
        <span className="quiz-mark" title="Quiz passed">
          <span aria-hidden="true">★</span>
          <span className="sr-only"> (quiz passed)</span>
        </span>
      ) : null}
    </>
  );
}
