// Feedback values shared with the browser (no zod: it weighs on first load).
export const COMMENT_MAX = 2_000;

export type FeedbackView = { vote: "yes" | "no"; comment: string | null; updatedAt: string };
