// Answers quoted from the course text, or "not covered" when the match is weak (decision 0110).
import { errorTopic } from "./errors";
import { coverageOf, questionUnits, searchPassages, stemsOfPassage, type Hit, type PassageIndex } from "./search";
import type { QueryUnit } from "./vocabulary";

export type AnswerPart = { heading: string; chapterTitle: string; href: string; quotes: string[]; quotesMarkdown: string[] };
export type CourseAnswer = { kind: "course"; parts: AnswerPart[]; confidence: number } | { kind: "not-covered"; confidence: number };

/** When a match is an answer (tuned with bench/ask.mjs). */
export const RETRIEVAL = {
  minScore: 8,
  /** Share of the question's meaning (words weighted by rarity) the best section must contain. */
  minCoverage: 0.5,
  /** Reordering weight r: score × (1 − r + 2r · coverage). */
  rerank: 0.5,
};
const MAX_PARTS = 3;
const QUOTES_PER_PART = 2;

export function coverage(
  index: PassageIndex,
  hit: Pick<Hit, "id" | "heading" | "text">,
  question: string,
  chapterId?: string,
  units: QueryUnit[] = questionUnits(index, question, chapterId),
): number {
  return coverageOf(index, stemsOfPassage(index, hit), units);
}

/** Indices in reading order; a short sentence brings the next one. */
export function bestSentences(hit: Pick<Hit, "sentences" | "sentenceScores">, count = QUOTES_PER_PART): number[] {
  const scored = hit.sentences.map((sentence, i) => ({ sentence, i, score: hit.sentenceScores[i] ?? 0 }));
  const ranked = scored
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, count);
  const picked = ranked.length ? ranked : scored.slice(0, 1);
  const chosen = new Set(picked.map((x) => x.i));
  for (const { sentence, i } of picked) if (sentence.plain.length < 60 && i + 1 < hit.sentences.length) chosen.add(i + 1);
  return [...chosen].sort((a, b) => a - b);
}

export type AskQuery = { question: string; error?: string };

const RERANKED = 5;

/** So one shared rare word does not outrank the answer. */
function byCoverage(index: PassageIndex, hits: Hit[], question: string, chapterId?: string): { hits: Hit[]; bestCoverage: number } {
  const units = questionUnits(index, question, chapterId);
  const head = hits.slice(0, RERANKED).map((hit) => {
    const covered = coverage(index, hit, question, chapterId, units);
    return { hit, covered, key: hit.score * (1 - RETRIEVAL.rerank + 2 * RETRIEVAL.rerank * covered) };
  });
  head.sort((a, b) => b.key - a.key);
  return { hits: [...head.map((x) => x.hit), ...hits.slice(RERANKED)], bestCoverage: head[0]?.covered ?? 0 };
}

/** A known tfjs error adds its topic's words. */
export function answerFromCourse(index: PassageIndex, query: AskQuery | string, chapterId?: string): { answer: CourseAnswer; hits: Hit[] } {
  const { question, error } = typeof query === "string" ? { question: query, error: undefined } : query;
  const topic = error ? errorTopic(error) : undefined;
  const text = [question, error, topic?.words].filter(Boolean).join("\n");
  const found = searchPassages(index, text, chapterId);
  const ranked = error ? undefined : byCoverage(index, found, question, chapterId);
  const hits = ranked?.hits ?? found;
  const best = hits[0];
  // A recognised error topic is covered by definition.
  const confidence = !best ? 0 : topic ? 1 : error ? coverage(index, best, `${question} ${error}`, chapterId) : ranked!.bestCoverage;
  if (!best || best.score < RETRIEVAL.minScore || (!error && confidence < RETRIEVAL.minCoverage))
    return { answer: { kind: "not-covered", confidence }, hits };
  const top = hits.filter((h) => h.score >= best.score * 0.45).slice(0, MAX_PARTS);
  return {
    answer: {
      kind: "course",
      confidence,
      parts: top.map((h) => {
        const best = new Set(bestSentences(h));
        const chosen = h.sentences.filter((_, i) => best.has(i));
        return {
          heading: h.heading,
          chapterTitle: h.chapterTitle,
          href: h.href,
          quotes: chosen.map((s) => s.plain),
          quotesMarkdown: chosen.map((s) => s.markdown),
        };
      }),
    },
    hits,
  };
}
