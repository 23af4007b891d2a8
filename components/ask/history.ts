// The Ask AI conversation of each chapter, kept in this browser (localStorage) across reloads:
// finished exchanges only, the newest MAX_EXCHANGES and at most MAX_CHARS of JSON per chapter,
// checked with zod when read back (anything else stored under the key is dropped). Loaded with
// zod only once the panel opens, so it adds nothing to the lesson page's first load.
import { z } from "zod";
import type { AskAttachment } from "./events";
import type { AnswerState } from "./Answer";

export type Exchange = { id: number; question: string; attachment?: AskAttachment; answer: AnswerState };

export const HISTORY_KEY_PREFIX = "lbr:ask:v1:";
export const MAX_EXCHANGES = 20;
export const MAX_CHARS = 200_000;

export const historyKey = (chapterId: string) => `${HISTORY_KEY_PREFIX}${chapterId}`;

/** A link inside the site: a path, never another origin or a `javascript:` URL. */
const href = z
  .string()
  .max(500)
  .regex(/^\/(?!\/)/, "must be a path on this site");
const text = (max: number) => z.string().max(max);

const source = z.object({ heading: text(300), chapterTitle: text(300), href }).strict();
const part = source.extend({ quotes: z.array(text(5_000)).max(10), html: z.array(text(50_000)).max(10) }).strict();

const answerSchema = z
  .object({
    mode: z.enum(["course", "model"]).optional(),
    sources: z.array(source).max(10),
    text: text(20_000),
    parts: z.array(part).max(5).optional(),
    notices: z.array(text(1_000)).max(5),
    notCovered: z.array(text(300)).max(10).optional(),
    error: text(1_000).optional(),
    done: z.literal(true),
  })
  .strict();

const exchangeSchema = z
  .object({
    id: z.number().int().nonnegative(),
    question: text(1_000),
    attachment: z
      .object({ cellTitle: text(200), code: text(20_000), error: text(5_000) })
      .strict()
      .optional(),
    answer: answerSchema,
  })
  .strict();

const historySchema = z.object({ exchanges: z.array(exchangeSchema).max(MAX_EXCHANGES) }).strict();

type Store = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** The chapter's kept conversation, oldest first; [] when there is none or it does not parse. */
export function readHistory(storage: Store, chapterId: string): Exchange[] {
  const key = historyKey(chapterId);
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch {
    return []; // storage blocked (privacy settings)
  }
  if (!raw) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    data = undefined;
  }
  const parsed = historySchema.safeParse(data);
  if (!parsed.success) {
    try {
      storage.removeItem(key);
    } catch {
      // nothing to do
    }
    return [];
  }
  return parsed.data.exchanges;
}

/**
 * What is kept of a conversation: its finished exchanges, the newest first to go in, until
 * MAX_EXCHANGES or MAX_CHARS of JSON would be exceeded.
 */
export function trimHistory(exchanges: Exchange[]): { exchanges: Exchange[] } {
  const kept: Exchange[] = [];
  let chars = 20;
  for (const x of exchanges.filter((x) => x.answer.done).reverse()) {
    const size = JSON.stringify(x).length + 1;
    if (kept.length >= MAX_EXCHANGES || chars + size > MAX_CHARS) break;
    kept.unshift(x);
    chars += size;
  }
  return { exchanges: kept };
}

/** Keeps the chapter's conversation (an empty one removes the key). False if storage refused it. */
export function writeHistory(storage: Store, chapterId: string, exchanges: Exchange[]): boolean {
  const value = trimHistory(exchanges);
  try {
    if (value.exchanges.length === 0) storage.removeItem(historyKey(chapterId));
    else storage.setItem(historyKey(chapterId), JSON.stringify(value));
    return true;
  } catch {
    return false; // full or blocked: the conversation still works, it is just not kept
  }
}
