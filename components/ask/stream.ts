// Reads the Ask AI endpoint's newline-delimited JSON events as they arrive.
import { learnerReady } from "@/lib/api/client";
import type { AskEvent } from "@/lib/ask/types";
import type { AskAttachment } from "./events";

export type AskRequest = { chapterId: string; revision: string; question: string; attachment?: AskAttachment };

export async function streamAnswer(body: AskRequest, onEvent: (event: AskEvent) => void, signal: AbortSignal): Promise<string | null> {
  let response: Response;
  try {
    await learnerReady(); // the learner cookie exists before the first write
    response = await fetch("/api/ask", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal,
    });
  } catch {
    return signal.aborted ? null : "Could not reach the server. Check your connection and try again.";
  }
  if (!response.ok || !response.body) {
    const error = (await response.json().catch(() => null)) as { error?: string } | null;
    return error?.error ?? `The server answered HTTP ${response.status}.`;
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) onEvent(JSON.parse(line) as AskEvent);
    }
  } catch {
    return signal.aborted ? null : "The answer was interrupted. Please ask again.";
  }
  return null;
}
