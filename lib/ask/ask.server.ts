// Answers a question from the course, then by a language model if one is configured.
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

// Rendered once per process: KaTeX costs more than retrieval (decision 0110).
const rendered = new Map<string, string>();
const MAX_RENDERED = 5_000;

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
    // Recorded before the last event, in case the panel closes now.
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
