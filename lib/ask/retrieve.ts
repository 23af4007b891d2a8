// Answers from the course text alone: the best sections of the whole course, quoted by their
// most relevant sentences, or an honest "not covered" when the match is weak.
import { errorTopic } from "./errors";
import { queryStems, searchPassages, stems, stemsOfPassage, type Hit, type PassageIndex } from "./search";

/** A quoted sentence: plain text, and Markdown with its math for rendering. */
export type AnswerPart = { heading: string; chapterTitle: string; href: string; quotes: string[]; quotesMarkdown: string[] };
export type CourseAnswer = { kind: "course"; parts: AnswerPart[]; confidence: number } | { kind: "not-covered"; confidence: number };

/** Below this score the best passage is a coincidental match, not an answer. */
export const MIN_SCORE = 8;
/**
 * Share of the question's meaning (its words weighted by rarity in the course) that the best
 * section contains. Below it, the course does not answer the question, even if a word matched
 * ("How do transformers use self-attention?" finds "transformers" in one sentence, nothing more).
 */
export const MIN_COVERAGE = 0.5;
const MAX_PARTS = 3;
const QUOTES_PER_PART = 2;

/** idf of a stem over the course's passages; stems the course never uses weigh the most. */
function idf(index: PassageIndex, stem: string): number {
  const n = index.passages.size;
  return Math.log(1 + n / (1 + (index.df.get(stem) ?? 0)));
}

/** Does the passage contain the stem (or a longer word starting with it, as the search allows)? */
function contains(own: Set<string>, stem: string): boolean {
  if (own.has(stem)) return true;
  if (stem.length <= 4) return false;
  for (const o of own) if (o.startsWith(stem) || (o.length > 4 && stem.startsWith(o))) return true;
  return false;
}

/** Share of the question's idf-weighted stems that the passage contains (a synonym counts), in [0, 1]. */
export function coverage(index: PassageIndex, hit: Pick<Hit, "id" | "heading" | "text">, question: string): number {
  // Bare numbers ("(3)", "0.5" split at its dot) say nothing about the topic asked about.
  const wanted = queryStems(question).filter(([stem]) => !/^\d+$/.test(stem));
  if (wanted.length === 0) return 0;
  const own = stemsOfPassage(index, hit);
  // A hyphenated term ("self-attention") names one specific thing: it counts double.
  const compounds = stems((question.match(/[A-Za-z]{2,}(?:-[A-Za-z]{2,})+/g) ?? []).map((c) => c.replace(/-/g, "")).join(" "));
  let total = 0;
  let found = 0;
  for (const forms of wanted) {
    const weight = Math.min(...forms.map((f) => idf(index, f))) * (compounds.has(forms[0]) ? 2 : 1);
    total += weight;
    if (forms.some((f) => contains(own, f))) found += weight;
  }
  return total > 0 ? found / total : 0;
}

/**
 * The passage's sentences that best answer the question, in reading order: the best-scoring
 * sentences of the sentence index; a short one ("Dropout attacks this directly.") brings the
 * sentence after it. Returns indices into `hit.sentences`.
 */
export function bestSentences(hit: Pick<Hit, "sentences" | "sentenceScores">, count = QUOTES_PER_PART): number[] {
  // A sentence the search gave no score (none matched) scores 0.
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

/**
 * The leading hits reordered by score weighted with how much of the question each one covers: a
 * section that shares one rare word with the question ("model") should not outrank the section
 * that answers it ("Choosing the dropout rate" for "choose the right dropout probability").
 */
function byCoverage(index: PassageIndex, hits: Hit[], question: string): { hits: Hit[]; bestCoverage: number } {
  const head = hits.slice(0, RERANKED).map((hit) => {
    const covered = coverage(index, hit, question);
    return { hit, covered, key: hit.score * (0.5 + covered) };
  });
  head.sort((a, b) => b.key - a.key);
  return { hits: [...head.map((x) => x.hit), ...hits.slice(RERANKED)], bestCoverage: head[0]?.covered ?? 0 };
}

/**
 * Retrieval answer for a question (and, with "Ask AI about this error", the cell's error).
 * Common TensorFlow.js errors add their topic's words, so the course's help on them ranks first.
 */
export function answerFromCourse(index: PassageIndex, query: AskQuery | string, chapterId?: string): { answer: CourseAnswer; hits: Hit[] } {
  const { question, error } = typeof query === "string" ? { question: query, error: undefined } : query;
  const topic = error ? errorTopic(error) : undefined;
  const text = [question, error, topic?.words].filter(Boolean).join("\n");
  const found = searchPassages(index, text, chapterId);
  const ranked = error ? undefined : byCoverage(index, found, question);
  const hits = ranked?.hits ?? found;
  const best = hits[0];
  // With an attached error, the error decides; a recognised error topic is covered by definition.
  const confidence = !best ? 0 : topic ? 1 : error ? coverage(index, best, `${question} ${error}`) : ranked!.bestCoverage;
  if (!best || best.score < MIN_SCORE || (!error && confidence < MIN_COVERAGE))
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
