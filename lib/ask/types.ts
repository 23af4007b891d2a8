// What the Ask AI endpoint streams, one JSON object per line (client-safe, no zod).
export type AnswerPart = { heading: string; chapterTitle: string; href: string; quotes: string[]; html: string[] };

export type AskEvent =
  | { type: "meta"; mode: "course" | "model"; sources: { heading: string; chapterTitle: string; href: string }[] }
  | { type: "course-answer"; parts: AnswerPart[] }
  | { type: "not-covered"; suggestions: string[] }
  /** A piece of the model's answer. */
  | { type: "delta"; text: string }
  /** E.g. the model failed and the course answer follows. */
  | { type: "notice"; text: string }
  | { type: "done" };

export type AskConfigView = { mode: "course" | "model"; model?: string };
