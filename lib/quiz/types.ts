// What the browser gets: questions without their key, and results after a submission.
// (Type-only module: safe to import from client components.)

/** `label`: the choice's plain text when it holds math (its accessible name; see mathLabel). */
export type PublicChoice = { id: string; html: string; label?: string };

/**
 * A question as the static page carries it. Its choices come per learner (order and opaque ids,
 * see QuizState); the page has only their HTML, sorted, to hold their place while they load.
 */
export type PublicQuestion = {
  id: string;
  type: "multiple" | "single";
  promptHtml: string;
  /** The choices' HTML in sorted order (not the authoring one), without ids. */
  choicesHtml: string[];
  /** Present only when the author chose to show how many answers are right. */
  correctCount?: number;
  maxAttempts: number;
};

export type PublicQuiz = {
  chapterId: string;
  quizRevision: string;
  title: string;
  passingScore: number;
  questions: PublicQuestion[];
};

export type ChoiceResult = {
  id: string;
  selected: boolean;
  /** Known for selected choices once the feedback policy allows; for the others only with the solution. */
  correct?: boolean;
  rationaleHtml?: string;
};

export type AttemptResult = {
  questionId: string;
  attempt: number;
  attemptsUsed: number;
  maxAttempts: number;
  score: number;
  verdict: "correct" | "partial" | "incorrect";
  summary: string;
  choices: ChoiceResult[];
  feedbackHtml?: string;
  /** The full solution (every choice's correctness and rationale, and the explanation) is shown. */
  revealed: boolean;
  explanationHtml?: string;
  canRetry: boolean;
};

export type QuizProgress = {
  /** Best quiz score over every round (what counts for the chapter). */
  bestScore: number | null;
  /** This round's score so far, and whether every question of this round has been answered. */
  roundScore: number;
  answeredAll: boolean;
  passed: boolean;
  passingScore: number;
  /** Whether this round can still reach the pass mark. */
  passReachable: boolean;
  /** A retake (fresh order, attempts reset, best score kept) is offered. */
  canRetake: boolean;
};

export type QuestionState = {
  /** The choices in this learner's order, under this round's ids. */
  choices: PublicChoice[];
  attemptsUsed: number;
  maxAttempts: number;
  last: AttemptResult | null;
};

export type QuizState = {
  quizRevision: string;
  round: number;
  questions: Record<string, QuestionState>;
  progress: QuizProgress;
};
