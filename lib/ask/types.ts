// What the Ask AI endpoint streams: one JSON object per line (shared with the browser; no zod).
/** A section of the retrieval answer as sent: quoted sentences as plain text and as HTML (math rendered). */
export type AnswerPart = { heading: string; chapterTitle: string; href: string; quotes: string[]; html: string[] };

export type AskEvent =
  /** First event: how this answer is produced, and the course sections it draws on. */
  | { type: "meta"; mode: "course" | "model"; sources: { heading: string; chapterTitle: string; href: string }[] }
  /** Retrieval answer: quoted sentences with links. */
  | { type: "course-answer"; parts: AnswerPart[] }
  /** Nothing in the course matches: say so, and suggest questions it can answer. */
  | { type: "not-covered"; suggestions: string[] }
  /** A piece of the model's answer (streamed). */
  | { type: "delta"; text: string }
  /** Something the learner should know (e.g. the model failed and the course answer follows). */
  | { type: "notice"; text: string }
  | { type: "done" };

export type AskConfigView = { mode: "course" | "model"; model?: string };
