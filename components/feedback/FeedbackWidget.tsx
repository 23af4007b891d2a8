"use client";
// "Everything was clear?" Yes/No, then an optional comment, then thanks. Votes can be changed.
// Buttons are aria-disabled while saving (a disabled button would drop the keyboard focus).
import "./feedback.css";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { z } from "zod";
import { getJson, postJson } from "@/lib/api/client";
import type { feedbackSchema } from "@/lib/feedback/schema";
import { COMMENT_MAX, type FeedbackView } from "@/lib/feedback/types";

type Vote = "yes" | "no";
type Stage = "vote" | "comment" | "thanks";

async function send(body: z.input<typeof feedbackSchema>): Promise<{ ok: true; feedback: FeedbackView } | { ok: false; error: string }> {
  const r = await postJson<{ feedback: FeedbackView }>("/api/feedback", body);
  return r.ok ? { ok: true, feedback: r.data.feedback } : r;
}

export function FeedbackWidget({ chapterId, revision }: { chapterId: string; revision: string }) {
  const [vote, setVote] = useState<Vote | null>(null);
  const [comment, setComment] = useState("");
  const [stage, setStage] = useState<Stage>("vote");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const honeypot = useRef<HTMLInputElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const thanks = useRef<HTMLParagraphElement>(null);
  const ids = { title: useId(), comment: useId(), counter: useId() };
  // Focus follows the conversation: the comment box after a vote, the thanks at the end.
  const [focusStage, setFocusStage] = useState<Stage | null>(null);
  useEffect(() => {
    if (focusStage === "comment") textarea.current?.focus();
    if (focusStage === "thanks") thanks.current?.focus();
  }, [focusStage]);

  // Returning learners see the vote they gave on this revision.
  useEffect(() => {
    const query = new URLSearchParams({ chapterId, revision });
    void getJson<{ feedback: FeedbackView | null }>(`/api/feedback?${query}`).then((r) => {
      if (r.ok && r.data.feedback) {
        setVote(r.data.feedback.vote);
        setComment(r.data.feedback.comment ?? "");
      }
    });
  }, [chapterId, revision]);

  async function choose(next: Vote) {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await send({ chapterId, revision, vote: next, website: honeypot.current?.value ?? "" });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setVote(next);
    setStage("comment");
    setFocusStage("comment");
  }

  async function submitComment(event: FormEvent) {
    event.preventDefault();
    if (!vote || busy) return;
    setBusy(true);
    setError(null);
    const result = await send({ chapterId, revision, vote, comment, website: honeypot.current?.value ?? "" });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    finish();
  }

  function finish() {
    if (busy) return;
    setStage("thanks");
    setFocusStage("thanks");
  }

  return (
    <section className="feedback" aria-labelledby={ids.title}>
      <h2 id={ids.title} className="feedback-title">
        Everything was clear?
      </h2>
      <div className="feedback-votes" role="group" aria-labelledby={ids.title}>
        {(["yes", "no"] as const).map((v) => (
          <button key={v} type="button" aria-pressed={vote === v} aria-disabled={busy} onClick={() => void choose(v)}>
            {v === "yes" ? "Yes" : "No"}
          </button>
        ))}
      </div>
      {stage === "comment" ? (
        <form className="feedback-form" onSubmit={(e) => void submitComment(e)}>
          <label htmlFor={ids.comment}>How can we improve it?</label>
          <textarea
            id={ids.comment}
            ref={textarea}
            value={comment}
            maxLength={COMMENT_MAX}
            rows={4}
            aria-describedby={ids.counter}
            placeholder={vote === "no" ? "What was unclear or missing? (optional)" : "Anything we could still do better? (optional)"}
            onChange={(e) => setComment(e.target.value)}
          />
          <p id={ids.counter} className="feedback-counter">
            {comment.length} / {COMMENT_MAX}
          </p>
          {/* Honeypot: hidden from people and assistive technology; bots fill it in. */}
          <div className="hp" aria-hidden="true">
            <label>
              Website
              <input ref={honeypot} type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
            </label>
          </div>
          <div className="feedback-actions">
            <button type="submit" className="button" aria-disabled={busy}>
              {busy ? "Sending…" : "Send"}
            </button>
            <button type="button" onClick={finish} aria-disabled={busy}>
              Skip
            </button>
          </div>
        </form>
      ) : null}
      <p ref={thanks} tabIndex={-1} role="status" aria-live="polite" className="feedback-thanks">
        {stage === "thanks" ? "Thanks for your feedback!" : ""}
      </p>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
