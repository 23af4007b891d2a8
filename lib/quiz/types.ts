// What the browser gets of a quiz, without keys (type-only, client-safe).

/** `label`: plain text for a choice that holds math (its accessible name). */
export type PublicChoice = { id: string; html: string; label?: string };

export type QuestionType = "single" | "multiple" | "numeric" | "computed" | "predict" | "ordering";

/** The static page's frame only; rounds are drawn per learner on the server. */
export type PublicQuiz = {
  chapterId: string;
  quizRevision: string;
  title: string;
  passingScore: number;
  roundSize: number;
  bankSize: number;
};

export type ChoiceResult = {
  id: string;
  selected: boolean;
  /** For selected choices once the feedback policy allows; for others only with the solution. */
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
  response?: string;
  /** With the solution: "0.771 (± 2%)". */
  keyText?: string;
  correctOrder?: string[];
  feedbackHtml?: string;
  revealed: boolean;
  explanationHtml?: string;
  canRetry: boolean;
};

export type QuizProgress = {
  /** Over every round: what counts for the chapter. */
  bestScore: number | null;
  roundScore: number;
  answeredAll: boolean;
  roundFinished: boolean;
  passed: boolean;
  passingScore: number;
  passReachable: boolean;
  /** A solution was shown before the round finished: no pass in this round. */
  passBlocked: boolean;
  canRetake: boolean;
  /** ISO; when the author spaces retakes. */
  retakeAt: string | null;
};

export type QuestionState = {
  id: string;
  type: QuestionType;
  promptHtml: string;
  maxAttempts: number;
  /** In this learner's order, under this round's ids. */
  choices?: PublicChoice[];
  /** Only when the author shows how many answers are right. */
  correctCount?: number;
  steps?: PublicChoice[];
  units?: string;
  code?: string;
  attemptsUsed: number;
  last: AttemptResult | null;
};

export type QuizState = {
  quizRevision: string;
  round: number;
  order: string[];
  questions: Record<string, QuestionState>;
  progress: QuizProgress;
};
