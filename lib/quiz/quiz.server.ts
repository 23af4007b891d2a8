// A chapter's quiz (<chapter>.quiz.yaml): validated, rendered, cached per revision.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { ContentError, revisionOf, type Chapter } from "@/lib/content/load";
import { describeIssues } from "@/lib/schemas/issues";
import { mathLabel, renderInlineMarkdown, renderMarkdown } from "@/lib/markdown.server";
import { lintQuiz } from "./lint";
import { fill, paramProblems, type Params, type Values } from "./params";
import type { ChoiceFeedback, Question, Reveal } from "./schema";
import { quizFileSchema } from "./schema";
import type { PublicQuiz, QuestionType } from "./types";

type Rendered = { id: string; html: string; label?: string };

type Base = {
  source: Question;
  id: string;
  type: QuestionType;
  maxAttempts: number;
  reveal: Reveal;
  choiceFeedback: ChoiceFeedback;
  feedbackHtml?: { correct?: string; partial?: string; incorrect?: string };
};

export type LoadedChoiceQuestion = Base & {
  kind: "choice";
  type: "single" | "multiple";
  shuffle: boolean;
  showCorrectCount: boolean;
  promptHtml: string;
  explanationHtml: string;
  choices: (Rendered & { correct: boolean; rationaleHtml: string })[];
};

export type LoadedNumberQuestion = Base & {
  kind: "number";
  type: "numeric" | "computed" | "predict";
  /** A number, or a formula over `params`. */
  answer: number | string;
  tolerance: { abs?: number; rel?: number };
  units?: string;
  params: Params;
  code?: string;
  /** Markdown with {{placeholders}}, rendered per learner. */
  prompt: string;
  explanation: string;
};

export type LoadedOrderingQuestion = Base & {
  kind: "ordering";
  type: "ordering";
  promptHtml: string;
  explanationHtml: string;
  /** In the right order. */
  steps: Rendered[];
};

export type LoadedQuestion = LoadedChoiceQuestion | LoadedNumberQuestion | LoadedOrderingQuestion;

export type LoadedQuiz = {
  chapterId: string;
  file: string;
  /** Hash of the quiz file (not the chapter's revision). */
  quizRevision: string;
  title: string;
  passingScore: number;
  draw: number;
  retakeAfterMinutes: number;
  questions: LoadedQuestion[];
};

export const varies = (q: LoadedQuestion) => q.kind === "number" && Object.keys(q.params).length > 0;

export function quizFileOf(chapter: Pick<Chapter, "file">): string {
  return chapter.file.replace(/\.mdx$/, ".quiz.yaml");
}

export function loadQuiz(chapter: Pick<Chapter, "id" | "file">): LoadedQuiz | undefined {
  const file = quizFileOf(chapter);
  if (!fs.existsSync(file)) return undefined;
  const where = path.relative(process.cwd(), file);
  const raw = fs.readFileSync(file);
  let data: unknown;
  try {
    data = parseYaml(raw.toString("utf8"));
  } catch (e) {
    throw new ContentError([`${where}: not valid YAML (${(e as Error).message.split("\n")[0]})`]);
  }
  const parsed = quizFileSchema.safeParse(data);
  if (!parsed.success) throw new ContentError([`${where}: ${describeIssues(parsed.error)}`]);
  const quiz = parsed.data;

  const render = (text: string, field: string, inline = false) => {
    try {
      return inline ? renderInlineMarkdown(text) : renderMarkdown(text);
    } catch (e) {
      throw new ContentError([`${where}: ${field}: ${(e as Error).message}`]);
    }
  };
  const questions = quiz.questions.map((q, i): LoadedQuestion => {
    const at = `questions.${i}`;
    const base: Base = {
      source: q,
      id: q.id,
      type: q.type,
      maxAttempts: q.maxAttempts ?? quiz.maxAttempts,
      reveal: q.reveal ?? quiz.reveal,
      choiceFeedback: ("choiceFeedback" in q ? q.choiceFeedback : undefined) ?? quiz.choiceFeedback,
      feedbackHtml: q.feedback && {
        correct: q.feedback.correct && render(q.feedback.correct, `${at}.feedback.correct`),
        partial: q.feedback.partial && render(q.feedback.partial, `${at}.feedback.partial`),
        incorrect: q.feedback.incorrect && render(q.feedback.incorrect, `${at}.feedback.incorrect`),
      },
    };
    if (q.type === "single" || q.type === "multiple")
      return {
        ...base,
        kind: "choice",
        type: q.type,
        shuffle: q.shuffle ?? quiz.shuffle,
        showCorrectCount: q.type === "multiple" && q.showCorrectCount,
        promptHtml: render(q.prompt, `${at}.prompt`, true), // shown inside a <legend>: inline only
        explanationHtml: render(q.explanation, `${at}.explanation`),
        choices: q.choices.map((c, j) => ({
          id: c.id,
          correct: c.correct,
          html: render(c.text, `${at}.choices.${j}.text`, true),
          label: mathLabel(c.text),
          rationaleHtml: render(c.rationale, `${at}.choices.${j}.rationale`),
        })),
      };
    if (q.type === "ordering")
      return {
        ...base,
        kind: "ordering",
        type: "ordering",
        promptHtml: render(q.prompt, `${at}.prompt`, true),
        explanationHtml: render(q.explanation, `${at}.explanation`),
        steps: q.steps.map((s, j) => ({ id: s.id, html: render(s.text, `${at}.steps.${j}.text`, true), label: mathLabel(s.text) })),
      };
    const params = "params" in q ? (q.params ?? {}) : {};
    const problems = paramProblems({ ...q, params, code: q.type === "predict" ? q.code : undefined });
    if (problems.length) throw new ContentError(problems.map((p) => `${where}: ${at} (${q.id}): ${p}`));
    const loaded: LoadedNumberQuestion = {
      ...base,
      kind: "number",
      type: q.type,
      answer: q.answer,
      tolerance: q.tolerance,
      units: q.units,
      params,
      code: q.type === "predict" ? q.code : undefined,
      prompt: q.prompt,
      explanation: q.explanation,
    };
    // Render once with sample values so broken Markdown or math fails the build, not a learner.
    renderFor(loaded, Object.fromEntries(Object.entries(params).map(([k, p]) => [k, p.min])), (text, field, inline) =>
      render(text, `${at}.${field}`, inline),
    );
    return loaded;
  });
  const cues = lintQuiz(quiz);
  if (cues.length) throw new ContentError(cues.map((c) => `${where}: ${c}`));
  return {
    chapterId: chapter.id,
    file,
    quizRevision: revisionOf(raw),
    title: quiz.title,
    passingScore: quiz.passingScore,
    draw: quiz.draw ?? quiz.questions.length,
    retakeAfterMinutes: quiz.retakeAfterMinutes,
    questions,
  };
}

const renders = new Map<string, { promptHtml: string; explanationHtml: string }>();

export function renderFor(
  q: LoadedNumberQuestion,
  values: Values,
  render: (text: string, field: string, inline: boolean) => string = (text, _field, inline) =>
    inline ? renderInlineMarkdown(text) : renderMarkdown(text),
): { promptHtml: string; explanationHtml: string } {
  const key = `${q.id}\u0000${q.prompt}\u0000${q.explanation}\u0000${JSON.stringify(values)}`;
  let hit = renders.get(key);
  if (!hit) {
    hit = {
      promptHtml: render(fill(q.prompt, values, q.params), "prompt", true),
      explanationHtml: render(fill(q.explanation, values, q.params), "explanation", false),
    };
    if (renders.size > 5_000) renders.clear(); // bounded: values repeat across learners
    renders.set(key, hit);
  }
  return hit;
}

const cache = new Map<string, { mtimeMs: number; quiz: LoadedQuiz | undefined }>();

/** The chapter's quiz, re-read only when its file changes. */
export function getQuiz(chapter: Pick<Chapter, "id" | "file">): LoadedQuiz | undefined {
  const file = quizFileOf(chapter);
  const mtimeMs = fs.existsSync(file) ? fs.statSync(file).mtimeMs : -1;
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.quiz;
  const quiz = mtimeMs < 0 ? undefined : loadQuiz(chapter);
  cache.set(file, { mtimeMs, quiz });
  return quiz;
}

export function toPublicQuiz(quiz: LoadedQuiz): PublicQuiz {
  return {
    chapterId: quiz.chapterId,
    quizRevision: quiz.quizRevision,
    title: quiz.title,
    passingScore: quiz.passingScore,
    roundSize: quiz.draw,
    bankSize: quiz.questions.length,
  };
}
