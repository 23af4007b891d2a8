// Loads a chapter's quiz (<chapter>.quiz.yaml): validated, Markdown rendered, cached per revision.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { ContentError, revisionOf, type Chapter } from "@/lib/content/load";
import { describeIssues } from "@/lib/content/schema";
import { mathLabel, renderInlineMarkdown, renderMarkdown } from "@/lib/markdown.server";
import type { ResultQuestion } from "./result";
import { quizFileSchema, type Question } from "./schema";
import type { PublicQuiz } from "./types";

export type LoadedQuestion = Omit<ResultQuestion, "choices"> & {
  source: Question;
  promptHtml: string;
  shuffle: boolean;
  choices: (ResultQuestion["choices"][number] & { html: string; label?: string })[];
};

export type LoadedQuiz = {
  chapterId: string;
  file: string;
  /** Hash of the quiz file (not the chapter's revision). */
  quizRevision: string;
  title: string;
  passingScore: number;
  questions: LoadedQuestion[];
};

export function quizFileOf(chapter: Pick<Chapter, "file">): string {
  return chapter.file.replace(/\.mdx$/, ".quiz.yaml");
}

/** Reads and validates the quiz beside a chapter; undefined when the chapter has none. */
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
  return {
    chapterId: chapter.id,
    file,
    quizRevision: revisionOf(raw),
    title: quiz.title,
    passingScore: quiz.passingScore,
    questions: quiz.questions.map((q, i) => {
      const at = `questions.${i}`;
      return {
        source: q,
        id: q.id,
        type: q.type,
        maxAttempts: q.maxAttempts ?? quiz.maxAttempts,
        shuffle: q.shuffle ?? quiz.shuffle,
        reveal: q.reveal ?? quiz.reveal,
        choiceFeedback: q.choiceFeedback ?? quiz.choiceFeedback,
        showCorrectCount: q.type === "multiple" && q.showCorrectCount,
        promptHtml: render(q.prompt, `${at}.prompt`, true), // shown inside a <legend>: inline only
        explanationHtml: render(q.explanation, `${at}.explanation`),
        feedbackHtml: q.feedback && {
          correct: q.feedback.correct && render(q.feedback.correct, `${at}.feedback.correct`),
          partial: q.feedback.partial && render(q.feedback.partial, `${at}.feedback.partial`),
          incorrect: q.feedback.incorrect && render(q.feedback.incorrect, `${at}.feedback.incorrect`),
        },
        choices: q.choices.map((c, j) => ({
          id: c.id,
          correct: c.correct,
          html: render(c.text, `${at}.choices.${j}.text`, true),
          label: mathLabel(c.text),
          rationaleHtml: render(c.rationale, `${at}.choices.${j}.rationale`),
        })),
      };
    }),
  };
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

/**
 * The quiz as the static page may carry it: no key, rationales or feedback, and choices only as
 * their HTML in sorted order, without ids (each learner gets them in their own order under
 * opaque ids, from the quiz state API). The sorted HTML lets the page hold the choices' place
 * while that state loads; it says nothing of the authoring order.
 */
export function toPublicQuiz(quiz: LoadedQuiz): PublicQuiz {
  return {
    chapterId: quiz.chapterId,
    quizRevision: quiz.quizRevision,
    title: quiz.title,
    passingScore: quiz.passingScore,
    questions: quiz.questions.map((q) => ({
      id: q.id,
      type: q.type,
      promptHtml: q.promptHtml,
      choicesHtml: q.choices.map((c) => c.html).sort(),
      ...(q.showCorrectCount ? { correctCount: q.choices.filter((c) => c.correct).length } : {}),
      maxAttempts: q.maxAttempts,
    })),
  };
}
