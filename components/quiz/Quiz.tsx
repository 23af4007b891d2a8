"use client";
// The chapter's quiz: loads the learner's previous answers, then one QuizQuestion per question.
import { useEffect, useState } from "react";
import { markQuizPassed } from "@/components/progress/progress-store";
import type { PublicQuiz, QuizProgress, QuizState } from "@/lib/quiz/types";
import { fetchState } from "./api";
import { QuizQuestion } from "./QuizQuestion";

/** What a question starts from when the learner's answers could not be loaded. One object for
 *  every render: a new one each time made the question reset its attempts after each answer. */
const NOTHING_LOADED = { attemptsUsed: 0, last: null } as const;

export function Quiz({ quiz }: { quiz: PublicQuiz }) {
  const [state, setState] = useState<QuizState | null>(null);
  const [progress, setProgress] = useState<QuizProgress | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void fetchState(quiz.chapterId).then((r) => {
      if (r.ok) {
        setState(r.state);
        setProgress(r.state.progress);
      } else {
        setError(r.error);
      }
    });
  }, [quiz.chapterId]);

  function onProgress(next: QuizProgress) {
    setProgress(next);
    if (next.passed) markQuizPassed(quiz.chapterId);
  }

  return (
    <section className="quiz" aria-labelledby="quiz-title">
      <h2 id="quiz-title">{quiz.title}</h2>
      <p className="muted">
        {quiz.questions.length} questions. Answers are checked on the server; you see why each choice is right or
        wrong after you answer. Pass with {Math.round(quiz.passingScore * 100)}% overall.
      </p>
      {error ? <p className="form-error">{error}</p> : null}
      {state && state.revision !== quiz.revision ? (
        <p className="form-error">This quiz was updated since the page was loaded. Reload the page before answering.</p>
      ) : null}
      {quiz.questions.map((question, i) => (
        <QuizQuestion
          key={question.id}
          chapterId={quiz.chapterId}
          revision={quiz.revision}
          number={i + 1}
          total={quiz.questions.length}
          question={question}
          // If loading failed, let the learner answer anyway (the server still checks everything).
          initial={state ? state.questions[question.id] : error ? NOTHING_LOADED : undefined}
          onProgress={onProgress}
        />
      ))}
      <p className="quiz-score" aria-live="polite">
        {progress?.bestScore != null
          ? `Your quiz score: ${Math.round(progress.bestScore * 100)}%${progress.passed ? " — passed" : ` (${Math.round(progress.passingScore * 100)}% needed to pass)`}.`
          : null}
      </p>
    </section>
  );
}
