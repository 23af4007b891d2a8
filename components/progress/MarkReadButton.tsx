"use client";
// "Mark as read" at the end of a chapter; saved on the server for this (anonymous) learner.
// The same button undoes it ("Mark as not read"); it never disables itself, so focus stays on it.
import "./progress.css";
import { useState } from "react";
import { markRead, useProgress } from "./progress-store";

export function MarkReadButton({ chapterId, revision }: { chapterId: string; revision: string }) {
  const { read, status } = useProgress();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isRead = read.has(chapterId);
  const unavailable = saving || status === "loading";

  async function onClick() {
    if (unavailable) return;
    setSaving(true);
    setError(null);
    setError(await markRead({ chapterId, revision, ...(isRead ? { read: false } : {}) }));
    setSaving(false);
  }

  return (
    <div className="mark-read">
      <button type="button" onClick={onClick} aria-disabled={unavailable} aria-pressed={isRead} aria-describedby="mark-read-status">
        {saving ? "Saving…" : isRead ? "✓ Marked as read" : "Mark chapter as read"}
      </button>
      <p id="mark-read-status" role="status" className={error ? "form-error" : "muted"}>
        {error ?? (isRead ? "Progress saved in this browser's learner profile. Press again to mark it as not read." : "")}
      </p>
    </div>
  );
}
