// The search index over the whole course: MiniSearch (BM25) over sections and over single
// sentences, with English stemming and stop words. A section ranks by its own match plus its
// best sentence's, so one sentence that answers the question lifts its section.
import MiniSearch, { type SearchResult } from "minisearch";
import { stemmer } from "stemmer";
import type { Passage } from "./passages";

// Words that carry no meaning for matching a question to a passage.
const STOP_WORDS = new Set(
  "a an and are as at be but by can could did do does doing for from had has have how i if in into is it its me my of on or our should so that the their them then there these they this to too up use used using was we were what when where which while who why will with would you your explain tell about get got im ive whats ok okay basically actually really just people say says much any some also still suddenly even exactly anymore kind sort".split(
    " ",
  ),
);

// The course writes British English ("normalisation"); learners often do not.
const BRITISH =
  /^(regular|normal|optim|minim|maxim|general|memor|initial|parallel|recogn|summar|penal|visual|real|special|standard|random|stabil|vector|custom)is(e|es|ed|ing|ation|ations|er|ers)$/;

/** Lower-cases, drops stop words, unifies spelling and stems ("overfitting" → "overfit"); null drops the term. */
export function processTerm(term: string): string | null {
  const t = term
    .toLowerCase()
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "")
    .replace(BRITISH, "$1iz$2");
  if (t.length < 2 || STOP_WORDS.has(t)) return null;
  return stemmer(t);
}

/**
 * Learners' words → the course's words (stems), for questions only: "CNN" finds "convolutional",
 * "neuron" finds "unit", "LSTM" finds "recurrent".
 */
export const SYNONYMS: Record<string, string[]> = {
  cnn: ["convolut"],
  cnns: ["convolut"],
  convnet: ["convolut"],
  conv: ["convolut"],
  neuron: ["unit"],
  node: ["unit"],
  chanc: ["probabl"],
  prob: ["probabl"],
  invent: ["propos", "introduc"],
  came: ["propos", "introduc"],
  come: ["propos", "introduc"],
  lstm: ["recurr"],
  gru: ["recurr"],
  rnn: ["recurr"],
  rnns: ["recurr"],
  batchnorm: ["batch", "normal"],
  bn: ["batch", "normal"],
  mc: ["mont", "carlo"],
  tfj: ["tensorflow", "js"],
  tfjs: ["tensorflow", "js"],
  disabl: ["switch", "off"],
  turn: ["switch"],
  rescal: ["scale"],
  divid: ["scale"],
  confid: ["uncertainti"],
  better: ["improv"], // "stops getting better": the course says "has not improved"
  uncertain: ["uncertainti"],
  dataset: ["data", "set"],
  neural: ["network"],
};

/** Query-side term processing: the stem plus the course's words for it. */
export function processQueryTerm(term: string): [stem: string, ...synonyms: string[]] | null {
  const stem = processTerm(term);
  if (stem === null) return null;
  return [stem, ...(SYNONYMS[stem] ?? [])];
}

/**
 * Split on anything that is not a letter or digit (dots in "model.eval" split too). A hyphenated
 * word also counts as one ("self-attention" → self, attention, selfattention), so a question about
 * self-attention does not pass for one about "self" and "attention" found apart.
 */
export const tokenize = (text: string) => {
  const words = text.split(/[^A-Za-z0-9]+/);
  const compounds = text.match(/[A-Za-z]{2,}(?:-[A-Za-z]{2,})+/g) ?? [];
  return compounds.length ? [...words, ...compounds.map((c) => c.replace(/-/g, ""))] : words;
};

/** The distinct stems of a text. */
export function stems(text: string): Set<string> {
  return new Set(
    tokenize(text)
      .map(processTerm)
      .filter((t): t is string => t !== null),
  );
}

/** The question's stems, each with its synonyms (a question word counts once, whichever form matches). */
export function queryStems(text: string): [stem: string, ...synonyms: string[]][] {
  const seen = new Set<string>();
  const out: [string, ...string[]][] = [];
  for (const token of tokenize(text)) {
    const forms = processQueryTerm(token);
    if (!forms || seen.has(forms[0])) continue;
    seen.add(forms[0]);
    out.push(forms);
  }
  return out;
}

type SectionDoc = { id: string; chapterId: string; heading: string; text: string };
type SentenceDoc = { id: string; passageId: string; chapterId: string; chapterTitle: string; heading: string; text: string };

const searchOptions = { fuzzy: 0.15, prefix: (term: string) => term.length > 4, combineWith: "OR" as const, processTerm: processQueryTerm };
const sectionOptions = {
  idField: "id",
  fields: ["heading", "text"],
  storeFields: ["chapterId"],
  processTerm,
  tokenize,
  searchOptions: { ...searchOptions, boost: { heading: 2 } },
};
// A sentence is found by its own words, and a little by its section's heading and chapter's title
// ("How many passes does MC dropout need?" → a sentence of the Monte Carlo Dropout chapter).
const sentenceOptions = {
  idField: "id",
  fields: ["chapterTitle", "heading", "text"],
  storeFields: ["passageId", "chapterId"],
  processTerm,
  tokenize,
  searchOptions: { ...searchOptions, boost: { chapterTitle: 0.3, heading: 0.5 } },
};

/** Weights of a section's own score and of its best sentence's (with its neighbours') score. */
export const TUNING = { section: 0.25, sentence: 1, neighbour: 0.6, chapterBoost: 1.05, summary: 0.75 };
/** A chapter's summary repeats its sections: the section that explains ranks above it. */
const SUMMARY = /^(key points|summary|in short)$/i;
/** Passages of the chapter the learner is reading rank a little higher (the course still counts). */
export const CHAPTER_BOOST = 1.15;

export type PassageIndex = {
  sections: MiniSearch<SectionDoc>;
  sentences: MiniSearch<SentenceDoc>;
  passages: Map<string, Passage>;
  /** For each stem, the number of passages that contain it (for the confidence measure). */
  df: Map<string, number>;
};

export function buildIndex(passages: Passage[]): PassageIndex {
  const sections = new MiniSearch<SectionDoc>(sectionOptions);
  sections.addAll(passages.map((p) => ({ id: p.id, chapterId: p.chapterId, heading: p.heading, text: p.text })));
  const sentences = new MiniSearch<SentenceDoc>(sentenceOptions);
  sentences.addAll(
    passages.flatMap((p) =>
      p.sentences.map((s, i) => ({
        id: `${p.id}~${i}`,
        passageId: p.id,
        chapterId: p.chapterId,
        chapterTitle: p.chapterTitle,
        heading: p.heading,
        text: s.plain,
      })),
    ),
  );
  const df = new Map<string, number>();
  for (const p of passages) for (const s of stems(`${p.heading} ${p.text}`)) df.set(s, (df.get(s) ?? 0) + 1);
  return { sections, sentences, passages: new Map(passages.map((p) => [p.id, p])), df };
}

export function serializeIndex(index: PassageIndex): string {
  return JSON.stringify({
    sections: index.sections,
    sentences: index.sentences,
    passages: [...index.passages.values()],
    df: [...index.df],
  });
}

export function loadIndex(json: string): PassageIndex {
  const raw = JSON.parse(json) as { sections: unknown; sentences: unknown; passages: Passage[]; df: [string, number][] };
  return {
    sections: MiniSearch.loadJSON<SectionDoc>(JSON.stringify(raw.sections), sectionOptions),
    sentences: MiniSearch.loadJSON<SentenceDoc>(JSON.stringify(raw.sentences), sentenceOptions),
    passages: new Map(raw.passages.map((p) => [p.id, p])),
    df: new Map(raw.df),
  };
}

export type Hit = Passage & {
  score: number;
  /** Stems of the question found in the passage (MiniSearch's matched terms). */
  terms: string[];
  /** Score of each of the passage's sentences (same order as `sentences`; 0 = no match). */
  sentenceScores: number[];
};

/** The best sentence's score plus a share of its neighbours' (an answer often spans two sentences). */
function bestWindow(count: number, scores: Map<number, number>): number {
  let best = 0;
  for (const [i, score] of scores)
    best = Math.max(best, score + TUNING.neighbour * Math.max(scores.get(i - 1) ?? 0, scores.get(i + 1) ?? 0));
  return count ? best : 0;
}

/** Hits returned by a search: the answer quotes at most 3 and the model reads 4; the rest is never read. */
export const MAX_HITS = 20;

/**
 * Spelling tolerance only for words the course never uses ("drupout", "netwerk"): a word the
 * course has is matched exactly (and by prefix), which skips the costly fuzzy walk of the term index.
 */
const fuzzyFor = (index: PassageIndex) => (term: string) => (index.df.has(term) ? false : searchOptions.fuzzy);

/** Passages for a question, best first, from the whole course; `chapterId`'s passages get a small boost. */
export function searchPassages(index: PassageIndex, question: string, chapterId?: string, limit = MAX_HITS): Hit[] {
  const boost = (stored: { chapterId?: string } | undefined) => (chapterId && stored?.chapterId === chapterId ? TUNING.chapterBoost : 1);
  const options = {
    fuzzy: fuzzyFor(index),
    boostDocument: (_id: unknown, _term: string, stored?: Record<string, unknown>) => boost(stored),
  };
  const sectionResults: SearchResult[] = index.sections.search(question, options);
  const sentenceResults: SearchResult[] = index.sentences.search(question, options);

  type Entry = { section: number; best: number; terms: Set<string>; sentences: Map<number, number> };
  const byPassage = new Map<string, Entry>();
  const entry = (id: string) => {
    let e = byPassage.get(id);
    if (!e) byPassage.set(id, (e = { section: 0, best: 0, terms: new Set(), sentences: new Map() }));
    return e;
  };
  for (const r of sectionResults) {
    const e = entry(r.id as string);
    e.section = r.score;
    for (const t of r.terms) e.terms.add(t);
  }
  for (const r of sentenceResults) {
    const e = entry(r.passageId as string);
    e.best = Math.max(e.best, r.score);
    e.sentences.set(Number(String(r.id).split("~").pop()), r.score);
    for (const t of r.terms) e.terms.add(t);
  }
  // Score every matched passage, then build hit objects for the leading ones only.
  const scored: { passage: Passage; score: number; e: Entry }[] = [];
  for (const [id, e] of byPassage) {
    const passage = index.passages.get(id);
    if (!passage) continue;
    const score =
      (TUNING.section * e.section + TUNING.sentence * bestWindow(passage.sentences.length, e.sentences)) *
      (SUMMARY.test(passage.heading) ? TUNING.summary : 1);
    scored.push({ passage, score, e });
  }
  scored.sort((a, b) => b.score - a.score);
  return scored.slice(0, limit).map(({ passage, score, e }) => ({
    ...passage,
    score,
    terms: [...e.terms],
    sentenceScores: passage.sentences.map((_, i) => e.sentences.get(i) ?? 0),
  }));
}

const passageStems = new WeakMap<PassageIndex, Map<string, Set<string>>>();

/** The stems of a passage's heading and text, computed once per index (coverage asks for them on every question). */
export function stemsOfPassage(index: PassageIndex, passage: Pick<Passage, "id" | "heading" | "text">): Set<string> {
  let cache = passageStems.get(index);
  if (!cache) passageStems.set(index, (cache = new Map()));
  let own = cache.get(passage.id);
  if (!own) cache.set(passage.id, (own = stems(`${passage.heading} ${passage.text}`)));
  return own;
}
