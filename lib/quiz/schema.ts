// Quiz content (YAML beside a chapter) and the quiz API's inputs.
import { z } from "zod";
import { chapterIdSchema, quizRevisionSchema, slugIdSchema } from "@/lib/schemas/ids";
import { slugSchema } from "@/lib/content/schema";

const markdown = z.string().trim().min(1);

export const choiceSchema = z
  .object({
    id: slugSchema,
    text: markdown,
    correct: z.boolean(),
    /** "fractions" policy: credit for selecting it (negative = penalty). */
    fraction: z.number().min(-1).max(1).optional(),
    rationale: markdown,
  })
  .strict();

/** "round-end": once the round's pass is decided, so the key cannot be harvested mid-round. */
export const revealSchema = z.discriminatedUnion("when", [
  z.object({ when: z.literal("correct") }).strict(),
  z.object({ when: z.literal("round-end") }).strict(),
  z.object({ when: z.literal("attempts"), attempts: z.number().int().positive() }).strict(),
  z.object({ when: z.literal("never") }).strict(),
]);

/** When per-choice marks show: "finished" keeps "select all" from revealing a key. */
export const FEEDBACK_POLICIES = ["attempt", "finished"] as const;
export const choiceFeedbackSchema = z.enum(FEEDBACK_POLICIES);

const feedbackSchema = z.object({ correct: markdown.optional(), partial: markdown.optional(), incorrect: markdown.optional() }).strict();

export const GRADING_POLICIES = ["all-or-nothing", "every-decision", "fractions"] as const;

const common = {
  id: slugSchema,
  prompt: markdown,
  explanation: markdown,
  feedback: feedbackSchema.optional(),
  maxAttempts: z.number().int().positive().max(20).optional(),
  reveal: revealSchema.optional(),
};

const commonQuestion = {
  ...common,
  shuffle: z.boolean().optional(),
  choiceFeedback: choiceFeedbackSchema.optional(),
  choices: z.array(choiceSchema).min(2).max(12),
};

/** |x − key| ≤ max(abs, rel·|key|). */
export const toleranceSchema = z
  .object({ abs: z.number().nonnegative().optional(), rel: z.number().nonnegative().max(0.5).optional() })
  .strict()
  .refine((t) => t.abs !== undefined || t.rel !== undefined, "give abs, rel or both");

/** Values min, min + step, …, max; one drawn per learner and round. */
export const paramSchema = z
  .object({ min: z.number(), max: z.number(), step: z.number().positive() })
  .strict()
  .superRefine((p, ctx) => {
    const steps = (p.max - p.min) / p.step;
    if (steps < 1) ctx.addIssue({ code: "custom", message: "max must be at least one step above min" });
    else if (Math.abs(steps - Math.round(steps)) > 1e-9)
      ctx.addIssue({ code: "custom", message: "max − min must be a whole number of steps" });
  });

/** Names: {{name}} in the prompt and listing, variables in the answer formula. */
export const paramsSchema = z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, "must be a name like 'h' or 'rate'"), paramSchema);

const numericAnswer = {
  tolerance: toleranceSchema,
  /** Shown after the input ("s", "%"). */
  units: z.string().trim().min(1).max(20).optional(),
};

export const ORDERING_MIN_STEPS = 3;

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
    z.object({ type: z.literal("numeric"), ...common, answer: z.number().finite(), ...numericAnswer }).strict(),
    /** Numbers drawn per learner and round; the key is evaluated on the server. */
    z
      .object({ type: z.literal("computed"), ...common, params: paramsSchema, answer: z.string().trim().min(1).max(300), ...numericAnswer })
      .strict(),
    /** Predict a listing's last printed number, then run it. */
    z
      .object({
        type: z.literal("predict"),
        ...common,
        code: z.string().trim().min(1).max(2000),
        params: paramsSchema.optional(),
        answer: z.union([z.number().finite(), z.string().trim().min(1).max(300)]),
        ...numericAnswer,
      })
      .strict(),
    /** Steps in their right order; each learner gets them shuffled. */
    z
      .object({
        type: z.literal("ordering"),
        ...common,
        steps: z
          .array(z.object({ id: slugSchema, text: markdown }).strict())
          .min(ORDERING_MIN_STEPS)
          .max(8),
      })
      .strict(),
  ])
  .superRefine((q, ctx) => {
    if (q.type === "ordering") {
      const ids = q.steps.map((s) => s.id);
      ids.forEach((id, i) => {
        if (ids.indexOf(id) !== i) ctx.addIssue({ code: "custom", path: ["steps", i, "id"], message: `duplicate step id "${id}"` });
      });
      return;
    }
    if (q.type !== "single" && q.type !== "multiple") return;
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
    passingScore: z.number().min(0).max(1).default(0.7),
    /** Defaults for every question. */
    maxAttempts: z.number().int().positive().max(20).default(3),
    shuffle: z.boolean().default(true),
    reveal: revealSchema.default({ when: "attempts", attempts: 3 }),
    choiceFeedback: choiceFeedbackSchema.default("attempt"),
    /** Questions per round, drawn per learner (default: all). */
    draw: z.number().int().min(1).max(30).optional(),
    retakeAfterMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .default(0),
    questions: z.array(questionSchema).min(1).max(60),
  })
  .strict()
  .superRefine((quiz, ctx) => {
    if (quiz.draw !== undefined && quiz.draw > quiz.questions.length)
      ctx.addIssue({ code: "custom", path: ["draw"], message: `draws ${quiz.draw} questions from a bank of ${quiz.questions.length}` });
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

/** Opaque, per learner and round (order.ts). */
const publicChoiceId = z.string().regex(/^[A-Za-z0-9_-]{12}$/, "must be a choice id from this page");
const round = z.number().int().min(1).max(1_000);

export const submitAttemptSchema = z
  .object({
    chapterId: chapterIdSchema,
    questionId: slugIdSchema,
    quizRevision: quizRevisionSchema,
    /** 1, +1 per retake. */
    round,
    selected: z.array(publicChoiceId).min(1, "select at least one answer").max(12).optional(),
    /** Numeric, computed and predict: as typed. */
    value: z.string().trim().min(1, "type a number").max(40).optional(),
    order: z.array(publicChoiceId).min(2).max(8).optional(),
  })
  .strict()
  .refine((a) => [a.selected, a.value, a.order].filter((x) => x !== undefined).length === 1, {
    message: "send exactly one of selected, value or order",
  });

export type SubmitAttempt = z.infer<typeof submitAttemptSchema>;

export const retakeSchema = z.object({ chapterId: chapterIdSchema, quizRevision: quizRevisionSchema, round }).strict();
export type Retake = z.infer<typeof retakeSchema>;

export const quizStateQuerySchema = z.object({ chapterId: chapterIdSchema }).strict();
