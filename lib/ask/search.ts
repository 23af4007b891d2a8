// The search index over passages: MiniSearch (BM25) with English stemming and stop words.
import MiniSearch, { type SearchResult } from "minisearch";
import { stemmer } from "stemmer";
import type { Passage } from "./passages";

// Words that carry no meaning for matching a question to a passage.
const STOP_WORDS = new Set(
  "a an and are as at be but by can could did do does doing for from had has have how i if in into is it its me my of on or our should so that the their them then there these they this to too up use used using was we were what when where which while who why will with would you your explain tell about".split(" "),
);

/** Lower-cases, drops stop words and stems ("overfitting" → "overfit"); null drops the term. */
export function processTerm(term: string): string | null {
  const t = term.toLowerCase().replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "");
  if (t.length < 2 || STOP_WORDS.has(t)) return null;
  return stemmer(t);
}

const options = {
  idField: "id",
  fields: ["heading", "text"],
  storeFields: ["chapterId", "chapterTitle", "heading", "anchor", "href", "text"],
  processTerm,
  // Split on anything that is not a letter or digit (dots in "model.eval" split too).
  tokenize: (text: string) => text.split(/[^A-Za-z0-9]+/),
  searchOptions: { boost: { heading: 2 }, fuzzy: 0.15, prefix: (term: string) => term.length > 4, combineWith: "OR" as const },
};

export type PassageIndex = MiniSearch<Passage>;

export function buildIndex(passages: Passage[]): PassageIndex {
  const index = new MiniSearch<Passage>(options);
  index.addAll(passages);
  return index;
}

export function serializeIndex(index: PassageIndex): string {
  return JSON.stringify(index);
}

export function loadIndex(json: string): PassageIndex {
  return MiniSearch.loadJSON<Passage>(json, options);
}

export type Hit = Passage & { score: number; terms: string[] };

/** Passages for a question, best first; passages of `chapterId` get a boost (this chapter, then the course). */
export function searchPassages(index: PassageIndex, question: string, chapterId?: string): Hit[] {
  const results: SearchResult[] = index.search(question, {
    boostDocument: (_id, _term, stored) => (stored?.chapterId === chapterId ? 1.5 : 1),
  });
  return results.map((r) => ({
    id: r.id as string,
    chapterId: r.chapterId,
    chapterTitle: r.chapterTitle,
    heading: r.heading,
    anchor: r.anchor,
    href: r.href,
    text: r.text,
    score: r.score,
    terms: r.terms,
  }));
}
