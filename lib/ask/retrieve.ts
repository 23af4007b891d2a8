// Answers from the course text alone: the best passages, condensed to their most relevant sentences.
import { sentences } from "./passages";
import { processTerm, searchPassages, type Hit, type PassageIndex } from "./search";

export type AnswerPart = { heading: string; chapterTitle: string; href: string; quotes: string[] };
export type CourseAnswer = { kind: "course"; parts: AnswerPart[] } | { kind: "not-covered" };

/** Below this BM25 score the best passage is a coincidental match, not an answer. */
export const MIN_SCORE = 6;
const MAX_PARTS = 3;
const QUOTES_PER_PART = 2;

function stems(text: string): Set<string> {
  return new Set(text.split(/[^A-Za-z0-9]+/).map(processTerm).filter((t): t is string => t !== null));
}

/**
 * The passage's sentences that best match the question, in reading order. A question word counts
 * more when few sentences of the passage contain it ("probability" beats "dropout" in a passage
 * about dropout).
 */
export function bestSentences(hit: Pick<Hit, "text">, question: string, count = QUOTES_PER_PART): string[] {
  const wanted = stems(question);
  const all = sentences(hit.text);
  const own = all.map(stems);
  const weight = new Map([...wanted].map((w) => [w, Math.log(1 + all.length / Math.max(1, own.filter((o) => o.has(w)).length))]));
  const scored = all.map((s, i) => {
    let overlap = 0;
    for (const w of wanted) if (own[i].has(w)) overlap += weight.get(w)!;
    return { s, i, overlap };
  });
  const chosen = new Set(
    scored
      .filter((x) => x.overlap > 0)
      .sort((a, b) => b.overlap - a.overlap || a.i - b.i)
      .slice(0, count)
      .map((x) => x.i),
  );
  if (chosen.size === 0) chosen.add(0);
  // A short sentence ("Dropout attacks this directly.") needs the one after it to make sense.
  for (const i of [...chosen]) if (all[i].length < 60 && i + 1 < all.length) chosen.add(i + 1);
  return [...chosen].sort((a, b) => a - b).map((i) => all[i]);
}

export function answerFromCourse(index: PassageIndex, question: string, chapterId?: string): { answer: CourseAnswer; hits: Hit[] } {
  const hits = searchPassages(index, question, chapterId);
  if (hits.length === 0 || hits[0].score < MIN_SCORE) return { answer: { kind: "not-covered" }, hits };
  const top = hits.filter((h) => h.score >= hits[0].score * 0.4).slice(0, MAX_PARTS);
  return {
    answer: {
      kind: "course",
      parts: top.map((h) => ({ heading: h.heading, chapterTitle: h.chapterTitle, href: h.href, quotes: bestSentences(h, question) })),
    },
    hits,
  };
}
