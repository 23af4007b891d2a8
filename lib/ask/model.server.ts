// Streams an answer from an OpenAI-compatible chat-completions endpoint.
import "server-only";
import type { ModelConfig } from "./config.server";
import type { Hit } from "./search";

export type Attachment = { cellTitle: string; code: string; error: string };

const INSTRUCTIONS = [
  "You are the teaching assistant of an online machine-learning course.",
  "Answer ONLY from the course passages below. If they do not contain the answer, say that the course does not cover it.",
  "Be brief (at most about 150 words). Cite the passages you use by their title in square brackets, e.g. [Train mode and eval mode].",
].join(" ");

/** `courseInstructions`: the course's own conventions (course.md `ask.instructions`). */
export function buildMessages(question: string, passages: Hit[], attachment?: Attachment, courseInstructions?: string) {
  const context = passages.map((p) => `[${p.heading}] (${p.chapterTitle})\n${p.text}`).join("\n\n---\n\n");
  const code = attachment
    ? `\n\nThe learner attached a code cell ("${attachment.cellTitle}"):\n\`\`\`ts\n${attachment.code}\n\`\`\`\nIt failed with:\n${attachment.error}`
    : "";
  return [
    { role: "system", content: `${INSTRUCTIONS}${courseInstructions ? ` ${courseInstructions}` : ""}\n\nCourse passages:\n\n${context}` },
    { role: "user", content: `${question}${code}` },
  ];
}

/** Throws on HTTP errors, malformed streams and a silent timeout; stops quietly at `maxChars`. */
export async function* streamModelAnswer(
  config: ModelConfig,
  question: string,
  passages: Hit[],
  attachment: Attachment | undefined,
  signal: AbortSignal,
  courseInstructions?: string,
): AsyncGenerator<string> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  signal.addEventListener("abort", abort);
  // Restarts with every chunk, so a slow but steady stream may finish.
  let timer = setTimeout(abort, config.timeoutMs);
  try {
    const response = await fetch(`${config.baseUrl}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}) },
      body: JSON.stringify({
        model: config.model,
        stream: true,
        temperature: 0.2,
        max_tokens: 400,
        messages: buildMessages(question, passages, attachment, courseInstructions),
      }),
      signal: controller.signal,
    });
    if (!response.ok || !response.body) throw new Error(`model endpoint answered HTTP ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    let produced = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      clearTimeout(timer);
      timer = setTimeout(abort, config.timeoutMs);
      buffer += value;
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        const data = line.startsWith("data:") ? line.slice(5).trim() : "";
        if (!data) continue;
        if (data === "[DONE]") return;
        const chunk = JSON.parse(data) as { choices?: { delta?: { content?: string } }[] };
        const text = chunk.choices?.[0]?.delta?.content;
        if (!text) continue;
        const room = config.maxChars - produced;
        produced += text.length;
        yield text.slice(0, room);
        if (produced >= config.maxChars) {
          controller.abort();
          return;
        }
      }
    }
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", abort);
  }
}
