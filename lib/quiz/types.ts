// What the browser gets: a round's questions without their key, and results after a submission.
// (Type-only module: safe to import from client components.)

/** `label`: the choice's plain text when it holds math (its accessible name; see mathLabel). */
export type PublicChoice = { id: string; html: string; label?: string };

export type QuestionType = "single" | "multiple" | "numeric" | "computed" | "predict" | "ordering";

/**
 * The quiz as the static page carries it: its frame only. Each learner's round (which questions,
 * their numbers, the order of choices and steps) is drawn on the server and comes with the state.
 */
export type PublicQuiz = {
  chapterId: string;
  quizRevision: string;
  title: string;
  passingScore: number;
  /** Questions per round, and in the bank they are drawn from. */
  roundSize: number;
  bankSize: number;
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
  /** Choice questions: every choice; ordering: the steps in the learner's order. */
  choices: ChoiceResult[];
  /** Numeric questions: the number as the learner typed it. */
  response?: string;
  /** Numeric questions, with the solution: the key and its tolerance, in words ("0.771 (± 2%)"). */
  keyText?: string;
  /** Ordering questions, with the solution: the step ids in the right order. */
  correctOrder?: string[];
  feedbackHtml?: string;
  /** The full solution (key, rationales, explanation) is shown. */
  revealed: boolean;
  explanationHtml?: string;
  canRetry: boolean;
};

export type QuizProgress = {
  /** Best quiz score over every round (what counts for the chapter). */
  bestScore: number | null;
  /** This round's score so far (finished questions), and whether every question has been answered. */
  roundScore: number;
  answeredAll: boolean;
  /** Every question of the round is finished (solved or out of attempts). */
  roundFinished: boolean;
  passed: boolean;
  passingScore: number;
  /** Whether this round can still reach the pass mark. */
  passReachable: boolean;
  /** A solution was shown before the round was finished: this round cannot record a pass. */
  passBlocked: boolean;
  /** A retake (new questions and numbers, attempts reset, best score kept) is offered… */
  canRetake: boolean;
  /** …from this time on (ISO), when the author spaces retakes. */
  retakeAt: string | null;
};

export type QuestionState = {
  id: string;
  type: QuestionType;
  /** The prompt with this learner's numbers. */
  promptHtml: string;
  maxAttempts: number;
  /** Choice questions: the choices in this learner's order, under this round's ids. */
  choices?: PublicChoice[];
  /** Present only when the author chose to show how many answers are right. */
  correctCount?: number;
  /** Ordering questions: the steps in this learner's starting order, under this round's ids. */
  steps?: PublicChoice[];
  /** Numeric questions: the unit shown after the input. */
  units?: string;
  /** Predict questions: the listing with this learner's numbers (run it once the question is finished). */
  code?: string;
  attemptsUsed: number;
  last: AttemptResult | null;
};

export type QuizState = {
  quizRevision: string;
  round: number;
  /** The round's questions in the order shown. */
  order: string[];
  questions: Record<string, QuestionState>;
  progress: QuizProgress;
};
