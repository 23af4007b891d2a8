"use client";
// One question: a fieldset of checkboxes or radios in the order the server chose, Check, the
// graded result, Try again. The prompt stays; the answering part (QuestionBody) starts from the
// server's state and is remounted (keyed by `version`) whenever a new state replaces it.
import { useEffect, useId, useRef, useState } from "react";
import type { AttemptResult, PublicQuestion, QuestionState, QuizProgress, QuizState } from "@/lib/quiz/types";
import { staleState, submit } from "./api";

type Props = {
  /** Bumped when the server's state replaces the one shown: the answering part starts again. */
  version: number;
  chapterId: string;
  quizRevision: string;
  round: number;
  number: number;
  total: number;
  question: PublicQuestion;
  /** This learner's choices, attempts used and last result (undefined while loading). */
  initial?: QuestionState;
  /** Focus the first choice once shown (after a retake). */
  autoFocus?: boolean;
  /** No state is coming (it failed to load, or is for another revision): hold no place for choices. */
  unavailable?: boolean;
  onAnswered: (questionId: string, result: AttemptResult, progress: QuizProgress) => void;
  onStale: (state: QuizState, message: string) => void;
};

export function QuizQuestion({ version, ...props }: Props) {
  const { number, total, question } = props;
  const hintId = useId();
  const multiple = question.type === "multiple";
  const hint = multiple
    ? `Select all that apply${question.correctCount ? ` (${question.correctCount} ${question.correctCount === 1 ? "answer is" : "answers are"} right)` : ""}.`
    : "Select one answer.";
  // The prompt (often typeset math) is never rebuilt: only the answering part is, when the
  // learner's state arrives (rebuilding every question then was the largest task after load).
  return (
    <fieldset className="question" aria-describedby={hintId} data-question-id={question.id}>
      <legend>
        <span className="question-number">
          Question {number} of {total}
        </span>
        <span className="question-prompt" dangerouslySetInnerHTML={{ __html: question.promptHtml }} />
      </legend>
      <p id={hintId} className="question-hint">
        {hint}
      </p>
      <QuestionBody key={version} {...props} />
    </fieldset>
  );
}

function QuestionBody({
  chapterId,
  quizRevision,
  round,
  number,
  question,
  initial,
  autoFocus,
  unavailable,
  onAnswered,
  onStale,
}: Omit<Props, "version">) {
  const [selected, setSelected] = useState<string[]>(() => initial?.last?.choices.filter((c) => c.selected).map((c) => c.id) ?? []);
  const [result, setResult] = useState<AttemptResult | null>(initial?.last ?? null);
  const [attemptsUsed, setAttemptsUsed] = useState(initial?.attemptsUsed ?? 0);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const firstInputRef = useRef<HTMLInputElement>(null);
  const name = `${useId()}-${question.id}`;
  const loading = initial === undefined;
  // After Check the result gets focus; after Try again (or a retake) the first choice does.
  const [focusTarget, setFocusTarget] = useState<{ to: "result" | "first" } | null>(autoFocus && initial ? { to: "first" } : null);
  useEffect(() => {
    if (focusTarget?.to === "result") resultRef.current?.focus();
    if (focusTarget?.to === "first") firstInputRef.current?.focus();
  }, [focusTarget]);

  const choices = initial?.choices ?? [];
  const locked = result !== null || loading || submitting;
  const resultFor = new Map(result?.choices.map((c) => [c.id, c]));
  const multiple = question.type === "multiple";
  const attemptsLeft = question.maxAttempts - attemptsUsed;

  function toggle(id: string, checked: boolean) {
    setSelected((current) => (multiple ? (checked ? [...current, id] : current.filter((x) => x !== id)) : [id]));
  }

  async function check() {
    if (submitting) return;
    setSubmitting(true);
    setError(null);
    const response = await submit({ chapterId, questionId: question.id, quizRevision, round, selected });
    setSubmitting(false);
    if (!response.ok) {
      const state = staleState(response);
      if (state) return onStale(state, response.error); // another tab moved on: show the server's state
      setError(response.error);
      return;
    }
    setResult(response.data.result);
    setAttemptsUsed(response.data.result.attemptsUsed);
    onAnswered(question.id, response.data.result, response.data.progress);
    setFocusTarget({ to: "result" });
  }

  function tryAgain() {
    setResult(null);
    setSelected([]);
    setError(null);
    setFocusTarget({ to: "first" });
  }

  return (
    <>
      {loading ? (
        // Holds the choices' place (the same boxes, invisible, so hidden from screen readers too)
        // until the learner's own order arrives: what follows does not move then. Without
        // JavaScript, where nothing arrives, they are the list to read (CSS hides the inputs).
        <div className="choices-holder" hidden={unavailable}>
          <p className="question-loading muted">Loading your answers…</p>
          <ul className="choices choices-placeholder">
            {question.choicesHtml.map((html, i) => (
              <li key={i} className="choice">
                <label>
                  <input type={multiple ? "checkbox" : "radio"} disabled tabIndex={-1} />
                  <span dangerouslySetInnerHTML={{ __html: html }} />
                </label>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ul className="choices">
        {choices.map((choice, i) => {
          const mark = resultFor.get(choice.id);
          const state = mark?.correct === undefined ? undefined : mark.correct ? "right" : "wrong";
          return (
            <li key={choice.id} className="choice" data-choice-id={choice.id} data-state={state}>
              <label>
                <input
                  ref={i === 0 ? firstInputRef : undefined}
                  type={multiple ? "checkbox" : "radio"}
                  name={name}
                  value={choice.id}
                  checked={selected.includes(choice.id)}
                  disabled={locked}
                  onChange={(e) => toggle(choice.id, e.target.checked)}
                  aria-label={choice.label}
                />
                <span dangerouslySetInnerHTML={{ __html: choice.html }} />
              </label>
              {mark?.correct !== undefined ? (
                <div className="choice-result">
                  <span className="choice-verdict">
                    {mark.correct ? "✓ Correct" : "✗ Incorrect"}
                    {mark.selected ? " (your choice)" : ""}
                  </span>
                  {mark.rationaleHtml ? (
                    <div className="choice-rationale" dangerouslySetInnerHTML={{ __html: mark.rationaleHtml }} />
                  ) : null}
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
          <button
            type="button"
            className="button"
            onClick={() => void check()}
            // While checking it stays enabled (aria-disabled): a disabled button would drop the focus.
            disabled={result !== null || loading || selected.length === 0}
            aria-disabled={submitting}
            aria-label={submitting ? `Checking question ${number}` : `Check question ${number}`}
          >
            {submitting ? "Checking…" : "Check"}
          </button>
        ) : result.canRetry ? (
          <button type="button" onClick={tryAgain} aria-label={`Try again: question ${number}`}>
            Try again
          </button>
        ) : null}
        {!loading && result === null && attemptsUsed > 0 ? (
          <span className="muted">
            Attempt {attemptsUsed + 1} of {question.maxAttempts}
          </span>
        ) : null}
      </div>
    </>
  );
}
