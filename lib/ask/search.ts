// Ask AI's search index: MiniSearch (BM25) over sections and single sentences.
import MiniSearch, { type SearchResult } from "minisearch";
import type { Passage } from "./passages";
import { processTerm, stems, tokenize } from "./text";
import { ENGLISH, compileVocabulary, queryUnits, type QueryUnit, type Vocabulary } from "./vocabulary";

type SectionDoc = { id: string; chapterId: string; heading: string; text: string };
type SentenceDoc = { id: string; passageId: string; chapterId: string; chapterTitle: string; heading: string; text: string };

const sectionOptions = {
  idField: "id",
  fields: ["heading", "text"],
  storeFields: ["chapterId"],
  processTerm,
  tokenize,
};
// A sentence is found a little by its heading and chapter title too.
const sentenceOptions = {
  idField: "id",
  fields: ["chapterTitle", "heading", "text"],
  storeFields: ["passageId", "chapterId"],
  processTerm,
  tokenize,
};

/** Weights of the parts of a passage's score, and of the query's words. */
export const TUNING = {
  section: 0.25,
  sentence: 1,
  /** Share of the better neighbour of the best sentence. */
  neighbour: 0.6,
  /** The chapter the learner is reading. */
  chapterBoost: 1.05,
  /** A chapter's summary ranks below the section that explains. */
  summary: 0.75,
  headingField: 2,
  sentenceHeading: 0.5,
  sentenceChapterTitle: 0.3,
  /** Gain when the title alone covers the whole question. */
  titleMatch: 0.6,
  titleAlternative: 0.5,
  chapterTitle: 0.3,
  /** Words the vocabulary adds, relative to the question's own. */
  expansion: 0.6,
  weak: 0.3,
  /** Spelling tolerance, only for words the text never uses. */
  fuzzy: 0.15,
};
const SUMMARY = /^(key points|summary|in short)$/i;

export type PassageIndex = {
  sections: MiniSearch<SectionDoc>;
  sentences: MiniSearch<SentenceDoc>;
  passages: Map<string, Passage>;
  /** Passages per stem. */
  df: Map<string, number>;
  /** By course slug. */
  vocabularies: Record<string, Vocabulary>;
  /** By chapter id. */
  chapters: Record<string, ChapterInfo>;
};

export type ChapterInfo = { title: string; summary: string };

export type IndexSource = { passages: Passage[]; vocabularies?: Record<string, Vocabulary>; chapters?: Record<string, ChapterInfo> };

export function buildIndex({ passages, vocabularies = {}, chapters = {} }: IndexSource): PassageIndex {
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
  return { sections, sentences, passages: new Map(passages.map((p) => [p.id, p])), df, vocabularies, chapters };
}

export function serializeIndex(index: PassageIndex): string {
  return JSON.stringify({
    sections: index.sections,
    sentences: index.sentences,
    passages: [...index.passages.values()],
    df: [...index.df],
    vocabularies: index.vocabularies,
    chapters: index.chapters,
  });
}

export function loadIndex(json: string): PassageIndex {
  const raw = JSON.parse(json) as {
    sections: unknown;
    sentences: unknown;
    passages: Passage[];
    df: [string, number][];
    vocabularies?: Record<string, Vocabulary>;
    chapters?: Record<string, ChapterInfo>;
  };
  return {
    sections: MiniSearch.loadJSON<SectionDoc>(JSON.stringify(raw.sections), sectionOptions),
    sentences: MiniSearch.loadJSON<SentenceDoc>(JSON.stringify(raw.sentences), sentenceOptions),
    passages: new Map(raw.passages.map((p) => [p.id, p])),
    df: new Map(raw.df),
    vocabularies: raw.vocabularies ?? {},
    chapters: raw.chapters ?? {},
  };
}

const ENGLISH_VOCABULARY = compileVocabulary(ENGLISH);

const courseOf = (chapterId: string | undefined) => chapterId?.split("/")[0];

/** Plain English and the course's vocabulary (every course's when asked from no chapter). */
export function vocabulariesFor(index: PassageIndex, chapterId?: string): Vocabulary[] {
  const course = courseOf(chapterId);
  const own = course && index.vocabularies[course];
  return [ENGLISH_VOCABULARY, ...(own ? [own] : Object.values(index.vocabularies))];
}

export function questionUnits(index: PassageIndex, question: string, chapterId?: string): QueryUnit[] {
  const units = queryUnits(question, vocabulariesFor(index, chapterId));
  // A word the text never uses may be a misspelt one it does.
  for (const unit of units) {
    const [stem] = unit.own;
    if (unit.own.length !== 1 || !stem || index.df.has(stem) || unit.forms.length > 1) continue;
    const near = nearestStem(index, stem);
    if (near) unit.forms.push([near]);
  }
  return units;
}

const stemsByLength = new WeakMap<PassageIndex, Map<number, string[]>>();

/** The most frequent stem one edit away (two from 8 letters); none for short words and numbers. */
export function nearestStem(index: PassageIndex, stem: string): string | undefined {
  if (stem.length < 5 || /\d/.test(stem)) return undefined;
  let byLength = stemsByLength.get(index);
  if (!byLength) {
    stemsByLength.set(index, (byLength = new Map()));
    for (const s of index.df.keys()) byLength.set(s.length, [...(byLength.get(s.length) ?? []), s]);
  }
  const max = stem.length >= 8 ? 2 : 1;
  let best: string | undefined;
  for (let len = stem.length - max; len <= stem.length + max; len++)
    for (const candidate of byLength.get(len) ?? [])
      if (editDistance(stem, candidate, max) <= max && (!best || (index.df.get(candidate) ?? 0) > (index.df.get(best) ?? 0)))
        best = candidate;
  return best;
}

/** Levenshtein distance, or max + 1 once it exceeds `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}

export function termWeights(units: QueryUnit[]): Map<string, number> {
  const weights = new Map<string, number>();
  for (const unit of units) {
    const ownKey = unit.own.join(" ");
    for (const form of unit.forms) {
      const w = (form.join(" ") === ownKey ? 1 : TUNING.expansion) * (unit.weak ? TUNING.weak : 1);
      for (const stem of form) weights.set(stem, Math.max(weights.get(stem) ?? 0, w));
    }
  }
  return weights;
}

export type Hit = Passage & {
  score: number;
  terms: string[];
  /** Same order as `sentences`; 0 = no match. */
  sentenceScores: number[];
};

/** An answer often spans two sentences. */
function bestWindow(count: number, scores: Map<number, number>): number {
  let best = 0;
  for (const [i, score] of scores)
    best = Math.max(best, score + TUNING.neighbour * Math.max(scores.get(i - 1) ?? 0, scores.get(i + 1) ?? 0));
  return count ? best : 0;
}

export const MAX_HITS = 20;

const titleStems = new WeakMap<PassageIndex, Map<string, Set<string>>>();

/** Its heading, or for a chapter's opening the chapter's title. */
function titleOf(index: PassageIndex, passage: Passage): Set<string> {
  let cache = titleStems.get(index);
  if (!cache) titleStems.set(index, (cache = new Map()));
  let own = cache.get(passage.id);
  if (!own) cache.set(passage.id, (own = stems(passage.anchor ? passage.heading : passage.chapterTitle)));
  return own;
}

export function idf(index: PassageIndex, stem: string): number {
  const n = index.passages.size;
  return Math.log(1 + n / (1 + (index.df.get(stem) ?? 0)));
}

/** Prefixes count, as the search allows them. */
export function contains(own: Set<string>, stem: string): boolean {
  if (own.has(stem)) return true;
  if (stem.length <= 4) return false;
  for (const o of own) if (o.startsWith(stem) || (o.length > 4 && stem.startsWith(o))) return true;
  return false;
}

export const WEAK_WEIGHT = 0.25;

/** The rarity of its most common alternative. */
export function unitWeight(index: PassageIndex, unit: QueryUnit): number {
  const rarity = Math.min(...unit.forms.map((form) => Math.max(...form.map((s) => idf(index, s)))));
  return rarity * (unit.weak ? WEAK_WEIGHT : 1) * (unit.compound ? 2 : 1);
}

const isNumber = (unit: QueryUnit) => unit.own.length > 0 && unit.own.every((s) => /^[\d.]+$/.test(s));

/** Share in [0, 1] of the question's units (weighted by rarity) present; bare numbers left out. */
export function coverageOf(index: PassageIndex, own: Set<string>, units: QueryUnit[], alternativeCredit = 1): number {
  let total = 0;
  let found = 0;
  const used = new Set<string>();
  for (const unit of units) {
    if (isNumber(unit)) continue;
    const weight = unitWeight(index, unit);
    total += weight;
    const ownKey = unit.own.join(" ");
    const present = (form: string[]) => form.every((s) => contains(own, s));
    if (unit.forms.some((f) => f.join(" ") === ownKey && present(f))) {
      found += weight;
      continue;
    }
    const alternatives = unit.forms.filter((f) => f.join(" ") !== ownKey && present(f));
    const fresh = alternatives.find((f) => !used.has(f.join(" ")));
    if (fresh) used.add(fresh.join(" "));
    // Reused alternatives count half: "LSTM or GRU?" is not answered by one "recurrent".
    if (alternatives.length) found += weight * alternativeCredit * (fresh ? 1 : REUSED_ALTERNATIVE);
    else if (unit.own.length > 1) found += (weight * PARTIAL_PHRASE * unit.own.filter((s) => contains(own, s)).length) / unit.own.length;
  }
  return total > 0 ? found / total : 0;
}

const REUSED_ALTERNATIVE = 0.5;
const PARTIAL_PHRASE = 0.5;

/** In [0, 1]: how much of the question the title answers, times how much of the title the question names. */
function titleMatch(index: PassageIndex, title: Set<string>, units: QueryUnit[], weights: Map<string, number>): number {
  if (title.size === 0) return 0;
  const answered = coverageOf(index, title, units, TUNING.titleAlternative);
  if (answered === 0) return 0;
  let named = 0;
  for (const s of title) if (weights.has(s)) named += 1;
  return answered * Math.sqrt(named / title.size);
}

const chapterTitleStems = new WeakMap<PassageIndex, Map<string, Set<string>>>();

function chapterMatch(index: PassageIndex, passage: Passage, units: QueryUnit[]): number {
  let cache = chapterTitleStems.get(index);
  if (!cache) chapterTitleStems.set(index, (cache = new Map()));
  let own = cache.get(passage.chapterId);
  if (!own) cache.set(passage.chapterId, (own = stems(`${passage.chapterTitle} ${index.chapters[passage.chapterId]?.summary ?? ""}`)));
  return coverageOf(index, own, units, TUNING.titleAlternative);
}

export function searchPassages(index: PassageIndex, question: string, chapterId?: string, limit = MAX_HITS): Hit[] {
  const units = questionUnits(index, question, chapterId);
  const weights = termWeights(units);
  if (weights.size === 0) return [];
  const query = [...weights.keys()].join(" ");
  const boost = (stored: { chapterId?: string } | undefined) => (chapterId && stored?.chapterId === chapterId ? TUNING.chapterBoost : 1);
  const common = {
    combineWith: "OR" as const,
    tokenize: (q: string) => q.split(" "),
    processTerm: (t: string) => t,
    prefix: (term: string) => term.length > 4,
    // Known words skip the costly fuzzy walk of the term index.
    fuzzy: (term: string) => (index.df.has(term) ? false : TUNING.fuzzy),
    boostTerm: (term: string) => weights.get(term) ?? 1,
    boostDocument: (_id: unknown, _term: string, stored?: Record<string, unknown>) => boost(stored),
  };
  const sectionResults: SearchResult[] = index.sections.search(query, { ...common, boost: { heading: TUNING.headingField } });
  const sentenceResults: SearchResult[] = index.sentences.search(query, {
    ...common,
    boost: { heading: TUNING.sentenceHeading, chapterTitle: TUNING.sentenceChapterTitle },
  });

  type Entry = { section: number; terms: Set<string>; sentences: Map<number, number> };
  const byPassage = new Map<string, Entry>();
  const entry = (id: string) => {
    let e = byPassage.get(id);
    if (!e) byPassage.set(id, (e = { section: 0, terms: new Set(), sentences: new Map() }));
    return e;
  };
  for (const r of sectionResults) {
    const e = entry(r.id as string);
    e.section = r.score;
    for (const t of r.terms) e.terms.add(t);
  }
  for (const r of sentenceResults) {
    const e = entry(r.passageId as string);
    e.sentences.set(Number(String(r.id).split("~").pop()), r.score);
    for (const t of r.terms) e.terms.add(t);
  }
  const scored: { passage: Passage; score: number; e: Entry }[] = [];
  for (const [id, e] of byPassage) {
    const passage = index.passages.get(id);
    if (!passage) continue;
    const base = TUNING.section * e.section + TUNING.sentence * bestWindow(passage.sentences.length, e.sentences);
    const title = 1 + TUNING.titleMatch * titleMatch(index, titleOf(index, passage), units, weights);
    const chapter = 1 + TUNING.chapterTitle * chapterMatch(index, passage, units);
    scored.push({ passage, score: base * title * chapter * (SUMMARY.test(passage.heading) ? TUNING.summary : 1), e });
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

export function stemsOfPassage(index: PassageIndex, passage: Pick<Passage, "id" | "heading" | "text">): Set<string> {
  let cache = passageStems.get(index);
  if (!cache) passageStems.set(index, (cache = new Map()));
  let own = cache.get(passage.id);
  if (!own) cache.set(passage.id, (own = stems(`${passage.heading} ${passage.text}`)));
  return own;
}
