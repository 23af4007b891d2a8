// Answers one question: retrieval from the course, then (if configured) a language model that
// answers from the retrieved passages, falling back to the retrieval answer if it fails.
import "server-only";
import type { Chapter } from "@/lib/content/load";
import { db } from "@/lib/db.server";
import { log } from "@/lib/log.server";
import { renderInlineMarkdown } from "@/lib/markdown.server";
import type { ModelConfig } from "./config.server";
import { getAskIndex } from "./index.server";
import { streamModelAnswer } from "./model.server";
import { answerFromCourse, type AnswerPart as RetrievedPart } from "./retrieve";
import type { AskInput } from "./schema";
import type { AnswerPart, AskEvent } from "./types";

// Quotes are sentences of the course, a few hundred in all: each is rendered once per process
// (unified + KaTeX costs ~5–10 ms a quote, retrieval ~8 ms a question).
const rendered = new Map<string, string>();
const MAX_RENDERED = 5_000;

/** Quotes as HTML with their math typeset (KaTeX); a quote that does not render falls back to its text. */
function withHtml(part: RetrievedPart): AnswerPart {
  const { quotesMarkdown, ...rest } = part;
  const html = quotesMarkdown.map((markdown, i) => {
    let out = rendered.get(markdown);
    if (out === undefined) {
      try {
        out = renderInlineMarkdown(markdown);
      } catch {
        out = escapeHtml(rest.quotes[i] ?? "");
      }
      if (rendered.size >= MAX_RENDERED) rendered.clear();
      rendered.set(markdown, out);
    }
    return out;
  });
  return { ...rest, html };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Yields the answer's events; records the question (and how it was answered) when done. */
export async function* answer(
  learnerId: string,
  chapter: Chapter,
  input: AskInput,
  config: ModelConfig | null,
  signal: AbortSignal,
): AsyncGenerator<AskEvent> {
  const { answer: fromCourse, hits } = answerFromCourse(
    getAskIndex(),
    { question: input.question, error: input.attachment?.error },
    chapter.id,
  );
  let answeredBy: "course" | "model" | "not-covered" | "fallback" = fromCourse.kind === "course" ? "course" : "not-covered";

  try {
    if (fromCourse.kind === "not-covered") {
      yield { type: "meta", mode: "course", sources: [] };
      yield { type: "not-covered", suggestions: chapter.prompts };
      return;
    }
    const sources = fromCourse.parts.map(({ heading, chapterTitle, href }) => ({ heading, chapterTitle, href }));
    if (config) {
      yield { type: "meta", mode: "model", sources };
      let streamed = false;
      try {
        for await (const text of streamModelAnswer(
          config,
          input.question,
          hits.slice(0, 4),
          input.attachment,
          signal,
          chapter.askInstructions,
        )) {
          streamed = true;
          yield { type: "delta", text };
        }
        if (!streamed) throw new Error("the model returned an empty answer");
        answeredBy = "model";
        return;
      } catch (error) {
        if (signal.aborted) return;
        log.warn({ err: error }, "Ask AI: model failed, answering from the course");
        answeredBy = "fallback";
        yield {
          type: "notice",
          text: streamed
            ? "The language model stopped answering. Here is what the course says:"
            : "The language model is not available right now. Here is what the course says:",
        };
      }
    } else {
      yield { type: "meta", mode: "course", sources };
    }
    yield { type: "course-answer", parts: fromCourse.parts.map(withHtml) };
  } finally {
    // Recorded before the last event, so it happens even if the learner closes the panel now.
    await db.askQuestion
      .create({
        data: {
          learnerId,
          chapterId: chapter.id,
          revision: chapter.revision,
          question: input.question,
          answeredBy,
          withCode: Boolean(input.attachment),
        },
        select: { id: true },
      })
      .catch((e: unknown) => log.error({ err: e }, "Ask AI: could not record the question"));
    yield { type: "done" };
  }
}
