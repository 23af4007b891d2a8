"use client";
// "Mark as read" at the end of a chapter; saved on the server for this (anonymous) learner.
import { useState } from "react";
import { markRead, useProgress } from "./progress-store";

export function MarkReadButton({ chapterId, revision }: { chapterId: string; revision: string }) {
  const { read, status } = useProgress();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isRead = read.has(chapterId);

  async function onClick() {
    setSaving(true);
    setError(null);
    setError(await markRead({ chapterId, revision }));
    setSaving(false);
  }

  return (
    <div className="mark-read">
      <button type="button" onClick={onClick} disabled={saving || isRead || status === "loading"} aria-describedby="mark-read-status">
        {isRead ? "✓ Marked as read" : saving ? "Saving…" : "Mark chapter as read"}
      </button>
      <p id="mark-read-status" role="status" className={error ? "form-error" : "muted"}>
        {error ?? (isRead ? "Progress saved in this browser's learner profile." : "")}
      </p>
    </div>
  );
}
