// What the browser gets: questions without their key, and results after a submission.
// (Type-only module: safe to import from client components.)

/** `label`: the choice's plain text when it holds math (its accessible name; see mathLabel). */
export type PublicChoice = { id: string; html: string; label?: string };

export type PublicQuestion = {
  id: string;
  type: "multiple" | "single";
  promptHtml: string;
  /** Present only when the author chose to show how many answers are right. */
  correctCount?: number;
  maxAttempts: number;
  shuffle: boolean;
  choices: PublicChoice[];
};

export type PublicQuiz = {
  chapterId: string;
  revision: string;
  title: string;
  passingScore: number;
  questions: PublicQuestion[];
};

export type ChoiceResult = {
  id: string;
  selected: boolean;
  /** Known for selected choices; for the others only once the solution is revealed. */
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

export type QuizProgress = { bestScore: number | null; passed: boolean; passingScore: number };

export type QuizState = {
  revision: string;
  questions: Record<string, { attemptsUsed: number; maxAttempts: number; last: AttemptResult | null }>;
  progress: QuizProgress;
};
