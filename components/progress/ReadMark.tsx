"use client";
// A check mark next to a chapter the learner has marked as read.
import { useProgress } from "./progress-store";

export function ReadMark({ chapterId }: { chapterId: string }) {
  const { read } = useProgress();
  if (!read.has(chapterId)) return null;
  return (
    <span className="read-mark" title="Read">
      <span aria-hidden="true">✓</span>
      <span className="sr-only"> (read)</span>
    </span>
  );
}
