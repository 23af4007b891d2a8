// Quiz content (YAML beside a chapter) and the quiz API's inputs: zod schemas and their types.
import { z } from "zod";
import { chapterIdSchema, quizRevisionSchema, slugIdSchema } from "@/lib/api/ids";
import { slugSchema } from "@/lib/content/schema";

const markdown = z.string().trim().min(1);

export const choiceSchema = z
  .object({
    id: slugSchema,
    text: markdown,
    correct: z.boolean(),
    /** Used by the "fractions" policy: credit for selecting this choice (negative = penalty). */
    fraction: z.number().min(-1).max(1).optional(),
    /** Why this choice is right or wrong; shown after the learner answers. */
    rationale: markdown,
  })
  .strict();

export const revealSchema = z.discriminatedUnion("when", [
  z.object({ when: z.literal("correct") }).strict(),
  z.object({ when: z.literal("attempts"), attempts: z.number().int().positive() }).strict(),
  z.object({ when: z.literal("never") }).strict(),
]);

/**
 * When a learner sees per-choice marks (✓/✗) and rationales: after every attempt, or only once
 * the question is finished (solved or out of attempts). "finished" keeps a "select all"
 * attempt from revealing the key of a multiple-response question.
 */
export const FEEDBACK_POLICIES = ["attempt", "finished"] as const;
export const choiceFeedbackSchema = z.enum(FEEDBACK_POLICIES);

const feedbackSchema = z.object({ correct: markdown.optional(), partial: markdown.optional(), incorrect: markdown.optional() }).strict();

const commonQuestion = {
  id: slugSchema,
  prompt: markdown,
  explanation: markdown,
  feedback: feedbackSchema.optional(),
  maxAttempts: z.number().int().positive().max(20).optional(),
  shuffle: z.boolean().optional(),
  reveal: revealSchema.optional(),
  choiceFeedback: choiceFeedbackSchema.optional(),
  choices: z.array(choiceSchema).min(2).max(12),
};

export const GRADING_POLICIES = ["all-or-nothing", "every-decision", "fractions"] as const;

export const questionSchema = z
  .discriminatedUnion("type", [
    z
      .object({
        type: z.literal("multiple"),
        grading: z.enum(GRADING_POLICIES).default("all-or-nothing"),
        showCorrectCount: z.boolean().default(false),
        ...commonQuestion,
      })
      .strict(),
    z.object({ type: z.literal("single"), ...commonQuestion }).strict(),
  ])
  .superRefine((q, ctx) => {
    const ids = q.choices.map((c) => c.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: "custom", path: ["choices", i, "id"], message: `duplicate choice id "${id}"` });
    });
    const correct = q.choices.filter((c) => c.correct).length;
    if (q.type === "single" && correct !== 1) {
      ctx.addIssue({
        code: "custom",
        path: ["choices"],
        message: `a single-choice question needs exactly one correct choice, found ${correct}`,
      });
    }
    if (q.type === "multiple" && correct === 0) {
      ctx.addIssue({ code: "custom", path: ["choices"], message: "a multiple-response question needs at least one correct choice" });
    }
    if (q.type === "multiple" && q.grading === "fractions") {
      q.choices.forEach((c, i) => {
        if (c.fraction === undefined)
          ctx.addIssue({ code: "custom", path: ["choices", i, "fraction"], message: "is required by grading: fractions" });
        else if (c.correct !== c.fraction > 0)
          ctx.addIssue({ code: "custom", path: ["choices", i, "fraction"], message: "must be positive exactly for correct choices" });
      });
      const total = q.choices.reduce((sum, c) => sum + Math.max(0, c.fraction ?? 0), 0);
      if (Math.abs(total - 1) > 1e-6)
        ctx.addIssue({ code: "custom", path: ["choices"], message: `positive fractions must add up to 1, they add up to ${total}` });
    }
  });

export const quizFileSchema = z
  .object({
    title: z.string().trim().min(1).default("Check your understanding"),
    /** Share of the total score needed to pass the chapter's quiz. */
    passingScore: z.number().min(0).max(1).default(0.7),
    /** Defaults for every question (a question may override them). */
    maxAttempts: z.number().int().positive().max(20).default(3),
    shuffle: z.boolean().default(true),
    reveal: revealSchema.default({ when: "attempts", attempts: 3 }),
    choiceFeedback: choiceFeedbackSchema.default("attempt"),
    questions: z.array(questionSchema).min(1).max(30),
  })
  .strict()
  .superRefine((quiz, ctx) => {
    const ids = quiz.questions.map((q) => q.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: "custom", path: ["questions", i, "id"], message: `duplicate question id "${id}"` });
    });
  });

export type QuizFile = z.infer<typeof quizFileSchema>;
export type Question = z.infer<typeof questionSchema>;
export type Choice = z.infer<typeof choiceSchema>;
export type GradingPolicy = (typeof GRADING_POLICIES)[number];
export type Reveal = z.infer<typeof revealSchema>;
export type ChoiceFeedback = z.infer<typeof choiceFeedbackSchema>;

// ---- API input ---------------------------------------------------------------------------

/** A choice id as the browser sees it (opaque, per learner and round; see order.ts). */
const publicChoiceId = z.string().regex(/^[A-Za-z0-9_-]{12}$/, "must be a choice id from this page");
const round = z.number().int().min(1).max(1_000);

export const submitAttemptSchema = z
  .object({
    chapterId: chapterIdSchema,
    questionId: slugIdSchema,
    /** The quiz revision the learner saw. */
    quizRevision: quizRevisionSchema,
    /** The round (1, +1 per retake) the learner's page shows. */
    round,
    selected: z.array(publicChoiceId).min(1, "select at least one answer").max(12),
  })
  .strict();

export type SubmitAttempt = z.infer<typeof submitAttemptSchema>;

export const retakeSchema = z.object({ chapterId: chapterIdSchema, quizRevision: quizRevisionSchema, round }).strict();
export type Retake = z.infer<typeof retakeSchema>;

export const quizStateQuerySchema = z.object({ chapterId: chapterIdSchema }).strict();
