"use client";
// One question: a fieldset of checkboxes or radios, Check, the graded result, Try again.
import { useEffect, useId, useRef, useState } from "react";
import type { AttemptResult, PublicQuestion, QuizProgress } from "@/lib/quiz/types";
import { submit } from "./api";
import { shuffled } from "./shuffle";

type Props = {
  chapterId: string;
  revision: string;
  number: number;
  total: number;
  question: PublicQuestion;
  /** Attempts used and the last result, from the server (undefined while loading). */
  initial?: { attemptsUsed: number; last: AttemptResult | null };
  onProgress: (progress: QuizProgress) => void;
};

export function QuizQuestion({ chapterId, revision, number, total, question, initial, onProgress }: Props) {
  const ids = question.choices.map((c) => c.id);
  const [order, setOrder] = useState<string[]>(ids);
  const [selected, setSelected] = useState<string[]>([]);
  const [result, setResult] = useState<AttemptResult | null>(null);
  const [attemptsUsed, setAttemptsUsed] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const firstInputRef = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const name = `${useId()}-${question.id}`;
  const loading = initial === undefined;
  // After Check the result gets focus; after Try again the first choice does (once rendered).
  const [focusTarget, setFocusTarget] = useState<{ to: "result" | "first" } | null>(null);
  useEffect(() => {
    if (focusTarget?.to === "result") resultRef.current?.focus();
    if (focusTarget?.to === "first") firstInputRef.current?.focus();
  }, [focusTarget]);

  // Resume once, when the learner's answers arrive: show the last result; otherwise start an
  // attempt with a fresh order. (State adjusted during render, not in an effect: React's pattern
  // for "when a prop changes"; `resumed` keeps later renders from resetting what was answered.)
  const [resumed, setResumed] = useState(false);
  if (initial && !resumed) {
    setResumed(true);
    setAttemptsUsed(initial.attemptsUsed);
    if (initial.last) {
      setResult(initial.last);
      setSelected(initial.last.choices.filter((c) => c.selected).map((c) => c.id));
    } else if (question.shuffle) {
      setOrder(shuffled(ids));
    }
  }

  const locked = result !== null || loading || submitting;
  const byId = new Map(question.choices.map((c) => [c.id, c]));
  const resultFor = new Map(result?.choices.map((c) => [c.id, c]));
  const multiple = question.type === "multiple";
  const attemptsLeft = question.maxAttempts - attemptsUsed;

  function toggle(id: string, checked: boolean) {
    setSelected((current) => (multiple ? (checked ? [...current, id] : current.filter((x) => x !== id)) : [id]));
  }

  async function check() {
    setSubmitting(true);
    setError(null);
    const response = await submit({ chapterId, questionId: question.id, revision, selected, shownOrder: order });
    setSubmitting(false);
    if (!response.ok) {
      setError(response.error);
      return;
    }
    setResult(response.result);
    setAttemptsUsed(response.result.attemptsUsed);
    onProgress(response.progress);
    setFocusTarget({ to: "result" });
  }

  function tryAgain() {
    setResult(null);
    setSelected([]);
    setError(null);
    if (question.shuffle) setOrder(shuffled(ids));
    setFocusTarget({ to: "first" });
  }

  const hint = multiple
    ? `Select all that apply${question.correctCount ? ` (${question.correctCount} ${question.correctCount === 1 ? "answer is" : "answers are"} right)` : ""}.`
    : "Select one answer.";

  return (
    <fieldset className="question" aria-describedby={hintId} data-question-id={question.id} data-verdict={result?.verdict}>
      <legend>
        <span className="question-number">
          Question {number} of {total}
        </span>
        <span className="question-prompt" dangerouslySetInnerHTML={{ __html: question.promptHtml }} />
      </legend>
      <p id={hintId} className="question-hint">
        {hint}
      </p>
      <ul className="choices">
        {order.map((id, i) => {
          const choice = byId.get(id)!;
          const mark = resultFor.get(id);
          const state = mark?.correct === undefined ? undefined : mark.correct ? "right" : "wrong";
          return (
            <li key={id} className="choice" data-choice-id={id} data-state={state}>
              <label>
                <input
                  ref={i === 0 ? firstInputRef : undefined}
                  type={multiple ? "checkbox" : "radio"}
                  name={name}
                  value={id}
                  checked={selected.includes(id)}
                  disabled={locked}
                  onChange={(e) => toggle(id, e.target.checked)}
                />
                <span dangerouslySetInnerHTML={{ __html: choice.html }} />
              </label>
              {mark?.correct !== undefined ? (
                <div className="choice-result">
                  <span className="choice-verdict">
                    {mark.correct ? "✓ Correct" : "✗ Incorrect"}
                    {mark.selected ? " (your choice)" : ""}
                  </span>
                  {mark.rationaleHtml ? <div className="choice-rationale" dangerouslySetInnerHTML={{ __html: mark.rationaleHtml }} /> : null}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      <div ref={resultRef} tabIndex={-1} role="status" aria-live="polite" className="question-result">
        {result ? (
          <>
            <p className={`result-summary result-${result.verdict}`}>{result.summary}</p>
            {result.feedbackHtml ? <div className="result-feedback" dangerouslySetInnerHTML={{ __html: result.feedbackHtml }} /> : null}
            <p className="result-meta">
              Score {Math.round(result.score * 100)}% · attempt {result.attempt} of {result.maxAttempts}
              {result.canRetry ? ` · ${attemptsLeft} ${attemptsLeft === 1 ? "attempt" : "attempts"} left` : ""}
            </p>
            {result.explanationHtml ? (
              <div className="result-explanation">
                <p className="result-explanation-title">Explanation</p>
                <div dangerouslySetInnerHTML={{ __html: result.explanationHtml }} />
              </div>
            ) : null}
          </>
        ) : null}
        {error ? <p className="form-error">{error}</p> : null}
      </div>
      <div className="question-actions">
        {result === null ? (
          <button type="button" className="button" onClick={() => void check()} disabled={locked || selected.length === 0}>
            {submitting ? "Checking…" : "Check"}
          </button>
        ) : result.canRetry ? (
          <button type="button" onClick={tryAgain}>
            Try again
          </button>
        ) : null}
        {loading ? <span className="muted">Loading your answers…</span> : null}
        {!loading && result === null && attemptsUsed > 0 ? (
          <span className="muted">
            Attempt {attemptsUsed + 1} of {question.maxAttempts}
          </span>
        ) : null}
      </div>
    </fieldset>
  );
}
