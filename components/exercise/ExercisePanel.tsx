"use client";
// An exercise: the task, a code cell with the starter code, the check's verdict, hints one at a
// time, and the reference solution (after a first check, or at once behind a confirmation).
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { CodeCell, type CellControl } from "@/components/code-cell/CodeCell";
import { markExercisePassed, useProgress } from "@/components/progress/progress-store";
import type { Verdict } from "@/lib/check";
import type { ExerciseProps } from "@/lib/content/exercises";
import { loadState, NO_STATE, saveState, stateKey, type ExerciseState } from "./exercise-state";
import styles from "./Exercise.module.css";

type Props = ExerciseProps & { chapterId: string; revision: string; task: ReactNode[]; hints: ReactNode[] };

type Outcome = { kind: "verdict"; verdict: Verdict } | { kind: "no-check"; ranOk: boolean } | null;

export function ExercisePanel({ id, title, starter, solution, timeoutSeconds, seed, chapterId, revision, task, hints }: Props) {
  const headingId = useId().replace(/:/g, "");
  const key = stateKey(chapterId, id);
  const [state, setState] = useState<ExerciseState>(NO_STATE);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [confirming, setConfirming] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const cell = useRef<CellControl>(null);
  const solutionButton = useRef<HTMLButtonElement>(null);
  const lastHint = useRef<HTMLLIElement>(null);
  const { exercisesPassed, status } = useProgress();
  const passed = exercisesPassed.get(chapterId)?.has(id) ?? false;
  const showingSolution = state.attempt !== null;

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage exists only after hydration
    setState(loadState(key, hints.length));
  }, [key, hints.length]);

  const update = useCallback(
    (next: (s: ExerciseState) => ExerciseState) =>
      setState((s) => {
        const n = next(s);
        saveState(key, n);
        return n;
      }),
    [key],
  );

  const onRunEnd = useCallback(
    ({ ok, verdict }: { ok: boolean; verdict: Verdict | null }) => {
      setOutcome(verdict ? { kind: "verdict", verdict } : { kind: "no-check", ranOk: ok });
      if (!verdict) return;
      update((s) => ({ ...s, checked: true }));
      if (verdict.ok)
        void markExercisePassed({ chapterId, revision, exerciseId: id }).then((error) =>
          setSaveError(error ? `Your pass could not be saved: ${error}` : null),
        );
    },
    [chapterId, revision, id, update],
  );

  /** A hint the learner just asked for takes focus (hints restored on load do not). */
  const focusHint = useRef(false);
  function showHint() {
    focusHint.current = true;
    update((s) => ({ ...s, hints: Math.min(s.hints + 1, hints.length) }));
  }
  useEffect(() => {
    if (!focusHint.current) return;
    focusHint.current = false;
    lastHint.current?.focus();
  }, [state.hints]);

  // The button pressed goes away (Show solution ⇄ Back to my attempt): focus moves to the other.
  const backButton = useRef<HTMLButtonElement>(null);
  const focusSwap = useRef(false);
  useEffect(() => {
    if (!focusSwap.current) return;
    focusSwap.current = false;
    (showingSolution ? backButton : solutionButton).current?.focus();
  }, [showingSolution]);

  function showSolution() {
    setConfirming(false);
    focusSwap.current = true;
    const attempt = cell.current?.getCode() ?? starter;
    update((s) => ({ ...s, attempt }));
    cell.current?.setCode(solution);
  }

  function backToAttempt() {
    const attempt = state.attempt ?? starter;
    focusSwap.current = true;
    update((s) => ({ ...s, attempt: null }));
    cell.current?.setCode(attempt);
  }

  const badge = passed ? "Passed" : state.checked ? "Not passed yet" : "Not checked yet";

  return (
    <section className={styles.exercise} aria-labelledby={headingId} data-exercise-id={id}>
      <header className={styles.header}>
        <p id={headingId} className={styles.title}>
          <span className={styles.kind}>Exercise</span> {title}
        </p>
        <p className={styles.badge} data-state={passed ? "passed" : state.checked ? "tried" : "new"}>
          {status === "loading" ? "" : badge}
          {passed ? <span className="sr-only"> (self-checked: the check ran in your browser)</span> : null}
        </p>
      </header>
      <div className={styles.task}>{task}</div>
      <CodeCell
        id={`exercise-${id}`}
        code={starter}
        title={`Exercise: ${title}`}
        seed={seed}
        timeoutSeconds={timeoutSeconds}
        chapterId={chapterId}
        revision={revision}
        control={cell}
        onRunEnd={onRunEnd}
        recordRuns={false}
        notice={
          showingSolution ? (
            <p className={styles.notice}>
              The editor shows the reference solution. Your attempt is kept.{" "}
              <button ref={backButton} type="button" onClick={backToAttempt}>
                Back to my attempt
              </button>
            </p>
          ) : null
        }
      >
        <Result outcome={outcome} saveError={saveError} />
      </CodeCell>
      <div className={styles.help}>
        {state.hints > 0 ? (
          <ol className={styles.hints} aria-label="Hints">
            {hints.slice(0, state.hints).map((hint, i) => (
              <li key={i} ref={i === state.hints - 1 ? lastHint : undefined} tabIndex={-1} className={styles.hint}>
                <p className={styles.hintLabel}>
                  Hint {i + 1} of {hints.length}
                </p>
                {hint}
              </li>
            ))}
          </ol>
        ) : null}
        <div className={styles.actions}>
          {state.hints < hints.length ? (
            <button type="button" onClick={showHint}>
              {state.hints === 0 ? "Show a hint" : `Show hint ${state.hints + 1} of ${hints.length}`}
            </button>
          ) : null}
          {showingSolution ? null : (
            <button
              ref={solutionButton}
              type="button"
              aria-expanded={confirming}
              onClick={() => (state.checked ? showSolution() : setConfirming((c) => !c))}
            >
              Show solution
            </button>
          )}
        </div>
        {confirming && !showingSolution ? (
          <div className={styles.confirm} role="group" aria-label="Show the solution before trying?">
            <p>You have not checked an attempt yet. Trying first, even a wrong try, is how this sticks. Show the solution anyway?</p>
            <button type="button" onClick={showSolution}>
              Yes, show it
            </button>{" "}
            <button
              type="button"
              onClick={() => {
                setConfirming(false);
                solutionButton.current?.focus();
              }}
            >
              Keep trying
            </button>
          </div>
        ) : null}
      </div>
    </section>
  );
}

/** The check's verdict under the output: every ✓/✗ line, wrapped, and what to do next. */
function Result({ outcome, saveError }: { outcome: Outcome; saveError: string | null }) {
  return (
    <div
      className={styles.result}
      role="status"
      data-outcome={outcome?.kind === "verdict" ? (outcome.verdict.ok ? "pass" : "fail") : "none"}
    >
      {outcome?.kind === "verdict" ? (
        <>
          <p className={styles.verdict}>
            {outcome.verdict.ok ? "✓ Passed: your code does what the exercise asks." : "Not yet: fix the ✗ items and Run again."}
          </p>
          <ul className={styles.messages}>
            {outcome.verdict.messages.map((m, i) => (
              <li key={i} data-ok={m.startsWith("✓")}>
                {m}
              </li>
            ))}
          </ul>
          {saveError ? <p className="form-error">{saveError}</p> : null}
        </>
      ) : outcome?.kind === "no-check" ? (
        <p className={styles.verdict}>
          {outcome.ranOk
            ? "No check ran: keep the starter's last line (await check(…)); it is what checks your code."
            : "No check ran: the code stopped before its last line (see the output above). Fix that and Run again."}
        </p>
      ) : null}
    </div>
  );
}
