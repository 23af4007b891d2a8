"use client";
// One question of the learner's round: choices (checkboxes or radios), a number to type, or steps
// to order; Check, the graded result, Try again. A predict question shows its listing, and once
// finished offers to run it. The answering part (QuestionBody) starts from the server's state and
// is remounted (keyed by `version`) whenever a new state replaces it.
import "./quiz.css";
import { useEffect, useId, useRef, useState } from "react";
import { CodeCell } from "@/components/code-cell/CodeCell";
import type { AttemptResult, QuestionState, QuizProgress, QuizState } from "@/lib/quiz/types";
import { staleState, submit, type Submission } from "./api";
import { OrderingSteps } from "./OrderingSteps";

type Props = {
  /** Bumped when the server's state replaces the one shown: the answering part starts again. */
  version: number;
  chapterId: string;
  quizRevision: string;
  round: number;
  number: number;
  total: number;
  question: QuestionState;
  /** Focus the first input once shown (after a retake). */
  autoFocus?: boolean;
  onAnswered: (questionId: string, result: AttemptResult, progress: QuizProgress) => void;
  onStale: (state: QuizState, message: string) => void;
};

const HINTS: Record<QuestionState["type"], string> = {
  single: "Select one answer.",
  multiple: "Select all that apply.",
  numeric: "Type a number.",
  computed: "Work it out and type the number.",
  predict: "Predict what the last line prints, then check. Once finished you can run it.",
  ordering: "Put the steps in order: move each with its buttons.",
};

export function QuizQuestion({ version, ...props }: Props) {
  const { number, total, question } = props;
  const hintId = useId();
  const hint =
    question.type === "multiple" && question.correctCount
      ? `Select all that apply (${question.correctCount} ${question.correctCount === 1 ? "answer is" : "answers are"} right).`
      : HINTS[question.type];
  return (
    <fieldset className="question" aria-describedby={hintId} data-question-id={question.id} data-question-type={question.type}>
      <legend>
        <span className="question-number">
          Question {number} of {total}
        </span>
        <span className="question-prompt" dangerouslySetInnerHTML={{ __html: question.promptHtml }} />
      </legend>
      <p id={hintId} className="question-hint">
        {hint}
      </p>
      {question.code ? (
        <pre className="question-code" tabIndex={0} aria-label="The listing">
          <code>{question.code}</code>
        </pre>
      ) : null}
      <QuestionBody key={version} {...props} />
    </fieldset>
  );
}

function QuestionBody({ chapterId, quizRevision, round, number, question, autoFocus, onAnswered, onStale }: Omit<Props, "version">) {
  const initial = question.last;
  const [selected, setSelected] = useState<string[]>(() => initial?.choices.filter((c) => c.selected).map((c) => c.id) ?? []);
  const [value, setValue] = useState(initial?.response ?? "");
  const [order, setOrder] = useState<string[]>(() =>
    question.type === "ordering" && initial ? initial.choices.map((c) => c.id) : (question.steps ?? []).map((s) => s.id),
  );
  const [result, setResult] = useState<AttemptResult | null>(initial);
  const [attemptsUsed, setAttemptsUsed] = useState(question.attemptsUsed);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const firstInputRef = useRef<HTMLInputElement & HTMLButtonElement>(null);
  const name = `${useId()}-${question.id}`;
  // After Check the result gets focus; after Try again (or a retake) the first input does.
  const [focusTarget, setFocusTarget] = useState<{ to: "result" | "first" } | null>(autoFocus ? { to: "first" } : null);
  useEffect(() => {
    if (focusTarget?.to === "result") resultRef.current?.focus();
    if (focusTarget?.to === "first") firstInputRef.current?.focus();
  }, [focusTarget]);

  // The finished round's solutions arrive in place (Quiz): the shown result takes them.
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the server's revealed result replaces the one shown
    if (initial?.revealed) setResult(initial);
  }, [initial]);

  const locked = result !== null || submitting;
  const resultFor = new Map(result?.choices.map((c) => [c.id, c]));
  const multiple = question.type === "multiple";
  const attemptsLeft = question.maxAttempts - attemptsUsed;
  const kind = question.choices ? "choice" : question.steps ? "ordering" : "number";
  const ready = kind === "choice" ? selected.length > 0 : kind === "number" ? value.trim() !== "" : true;

  function toggle(id: string, checked: boolean) {
    setSelected((current) => (multiple ? (checked ? [...current, id] : current.filter((x) => x !== id)) : [id]));
  }

  async function check() {
    if (submitting || !ready) return;
    setSubmitting(true);
    setError(null);
    const answer: Pick<Submission, "selected" | "value" | "order"> =
      kind === "choice" ? { selected } : kind === "number" ? { value: value.trim() } : { order };
    const response = await submit({ chapterId, questionId: question.id, quizRevision, round, ...answer });
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
    setValue("");
    setError(null);
    setFocusTarget({ to: "first" });
  }

  const finished = result !== null && !result.canRetry;
  return (
    <>
      {kind === "choice" ? (
        <ul className="choices">
          {(question.choices ?? []).map((choice, i) => {
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
      ) : kind === "number" ? (
        <p className="number-answer">
          <label>
            <span className="number-label">Your answer</span>{" "}
            <input
              ref={firstInputRef}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              spellCheck={false}
              value={value}
              disabled={locked}
              onChange={(e) => setValue(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  void check();
                }
              }}
              aria-label={`Your answer to question ${number}${question.units ? ` (in ${question.units})` : ""}`}
              maxLength={40}
            />
          </label>
          {question.units ? <span className="number-units"> {question.units}</span> : null}
        </p>
      ) : (
        <OrderingSteps
          steps={question.steps ?? []}
          order={order}
          onOrder={setOrder}
          locked={locked}
          correctOrder={result?.correctOrder}
          firstRef={firstInputRef}
          number={number}
        />
      )}
      <div ref={resultRef} tabIndex={-1} role="status" aria-live="polite" className="question-result">
        {result ? (
          <>
            <p className={`result-summary result-${result.verdict}`}>{result.summary}</p>
            {result.response !== undefined ? (
              <p className="result-meta">
                Your answer: {result.response}
                {question.units ? ` ${question.units}` : ""}
                {result.keyText ? ` · the answer: ${result.keyText}` : ""}
              </p>
            ) : null}
            {result.feedbackHtml ? <div className="result-feedback" dangerouslySetInnerHTML={{ __html: result.feedbackHtml }} /> : null}
            <p className="result-meta">
              Score {Math.round(result.score * 100)}% · attempt {result.attempt} of {result.maxAttempts}
              {result.canRetry ? ` · ${attemptsLeft} ${attemptsLeft === 1 ? "attempt" : "attempts"} left` : ""}
              {finished && !result.revealed ? " · the solution shows once you have finished the round" : ""}
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
      {finished && question.code ? (
        <div className="question-run">
          <CodeCell
            id={`quiz-${question.id}`}
            code={question.code}
            title="The listing"
            timeoutSeconds={10}
            chapterId={chapterId}
            revision={quizRevision}
            recordRuns={false}
          />
        </div>
      ) : null}
      <div className="question-actions">
        {result === null ? (
          <button
            type="button"
            className="button"
            onClick={() => void check()}
            // While checking it stays enabled (aria-disabled): a disabled button would drop the focus.
            disabled={!ready}
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
        {result === null && attemptsUsed > 0 ? (
          <span className="muted">
            Attempt {attemptsUsed + 1} of {question.maxAttempts}
          </span>
        ) : null}
      </div>
    </>
  );
}
