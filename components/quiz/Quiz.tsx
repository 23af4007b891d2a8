"use client";
// The chapter's quiz: loads the learner's round from the server (choices in their own order),
// one QuizQuestion per question, the score once every question is answered, and retakes.
import { useCallback, useEffect, useRef, useState } from "react";
import { markQuizPassed } from "@/components/progress/progress-store";
import type { AttemptResult, PublicQuiz, QuizProgress, QuizState } from "@/lib/quiz/types";
import { fetchState, retake, staleState } from "./api";
import { QuizQuestion } from "./QuizQuestion";

export function Quiz({ quiz }: { quiz: PublicQuiz }) {
  const [state, setState] = useState<QuizState | null>(null);
  // Bumped whenever the server's state replaces ours: questions' answering parts restart from it.
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusFirst, setFocusFirst] = useState(false);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  const replace = useCallback(
    (next: QuizState) => {
      setState(next);
      setVersion((v) => v + 1);
      if (next.progress.passed) markQuizPassed(quiz.chapterId);
    },
    [quiz.chapterId],
  );

  const fetchAndShow = useCallback(
    () => fetchState(quiz.chapterId).then((r) => (r.ok ? replace(r.data) : setError(r.error))),
    [quiz.chapterId, replace],
  );
  useEffect(() => {
    void fetchAndShow();
  }, [fetchAndShow]);
  /** "Load the quiz again" after a failed load. */
  function load() {
    setError(null);
    void fetchAndShow();
  }

  function onAnswered(questionId: string, result: AttemptResult, progress: QuizProgress) {
    setState((s) => {
      if (!s) return s;
      // Only a question with its state (its choices) can be answered; the progress is the server's.
      const question = s.questions[questionId];
      const questions = question
        ? { ...s.questions, [questionId]: { ...question, attemptsUsed: result.attemptsUsed, last: result } }
        : s.questions;
      return { ...s, progress, questions };
    });
    if (progress.passed) markQuizPassed(quiz.chapterId);
  }

  function onStale(next: QuizState, message: string) {
    replace(next);
    setNotice(`${message} This quiz now shows your latest answers.`);
  }

  async function startRetake() {
    if (!state) return;
    setBusy(true);
    const r = await retake({ chapterId: quiz.chapterId, quizRevision: quiz.quizRevision, round: state.round });
    setBusy(false);
    const next = r.ok ? r.data : staleState(r);
    if (next) {
      replace(next);
      setNotice(
        r.ok
          ? `Round ${next.round}: the choices are in a new order and your attempts start again. Your best score so far is kept.`
          : r.error,
      );
      setFocusFirst(r.ok);
    } else if (!r.ok) setError(r.error);
  }

  const progress = state?.progress;
  const outdated = state !== null && state.quizRevision !== quiz.quizRevision;
  return (
    <section className="quiz" aria-labelledby="quiz-title">
      <h2 id="quiz-title">{quiz.title}</h2>
      <p className="muted">
        {quiz.questions.length} questions. Answers are checked on the server. Pass with {Math.round(quiz.passingScore * 100)}% overall.
      </p>
      {/* Shown only without JavaScript (CSS), where the questions can be read but not answered. */}
      <p className="quiz-nojs">
        Answering the quiz needs JavaScript: you can read the questions, but checking answers only works with JavaScript on.
      </p>
      {error ? (
        <p className="form-error">
          {error}{" "}
          <button type="button" onClick={load}>
            Load the quiz again
          </button>
        </p>
      ) : null}
      {outdated ? <p className="form-error">This quiz was updated since the page was loaded. Reload the page before answering.</p> : null}
      <p ref={noticeRef} className="quiz-notice" role="status" aria-live="polite">
        {notice}
      </p>
      {quiz.questions.map((question, i) => (
        <QuizQuestion
          key={question.id}
          version={version}
          chapterId={quiz.chapterId}
          quizRevision={quiz.quizRevision}
          round={state?.round ?? 1}
          number={i + 1}
          total={quiz.questions.length}
          question={question}
          initial={state && !outdated ? state.questions[question.id] : undefined}
          autoFocus={focusFirst && i === 0}
          unavailable={error !== null || outdated}
          onAnswered={onAnswered}
          onStale={onStale}
        />
      ))}
      {progress && !progress.passed && !progress.passReachable ? (
        <p className="quiz-unreachable" role="status">
          The pass mark ({Math.round(progress.passingScore * 100)}%) can no longer be reached in this round.
        </p>
      ) : null}
      {progress?.canRetake ? (
        <p className="quiz-retake">
          <button type="button" className="button" onClick={() => void startRetake()} disabled={busy}>
            {busy ? "Starting…" : "Retake the quiz"}
          </button>{" "}
          <span className="muted">New order, attempts start again; your best score is kept.</span>
        </p>
      ) : null}
      <p className="quiz-score" aria-live="polite">
        {progress && progress.answeredAll
          ? `Your quiz score: ${Math.round(progress.roundScore * 100)}%${
              progress.passed ? " — passed" : ` (${Math.round(progress.passingScore * 100)}% needed to pass)`
            }${progress.bestScore !== null && progress.bestScore > progress.roundScore ? ` · best so far ${Math.round(progress.bestScore * 100)}%` : ""}.`
          : null}
      </p>
    </section>
  );
}
