// How Ask AI reads text, the same for the course's passages and for learners' questions: words
// (decimals and "1-p" kept whole), lower case, one spelling (British → US), irregular forms
// unified, English stemming, stop words dropped.
import { stemmer } from "stemmer";

// Words that carry no meaning for matching a question to a passage (dropped from index and query).
export const STOP_WORDS = new Set(
  "a an and are as at be been being but by can could did do does doing done for from had has have having how i if in into is it its me my of on or our should so that the their them then there these they this to too up use used using was we were what when where which while who why will with would you your yours explain tell about get got gets im ive id whats thats dont doesnt isnt ok okay basically actually really just people say says said much any some also still suddenly even exactly anymore kind sort during than via every each aka etc eg ie".split(
    " ",
  ),
);

/**
 * Question filler: words learners use around their question ("a good way to", "what happens
 * if") that rarely name its topic. They still count, but much less than the rest, both for
 * ranking and for deciding whether the course covers a question.
 */
export const WEAK_WORDS = new Set(
  "good best better bad right wrong correct way ways thing things work works worked working happen happens happened mean means meant need needs want wants try tried help helps problem problems issue issues possible idea example examples question questions understand know knew see seen look looks looking make makes made give gives thank thanks please someone anyone anything something common typical typically usual usually general generally important matter matters case cases situation reason reasons instead exist exists method methods approach approaches strategy technique techniques confused confusing concept concepts include includes clear unclear sure suit suits proper properly point purpose goal aim additional extra certain particular specific like similar".split(
    " ",
  ),
);

// The course writes British English ("normalisation", "behaviour"); learners often do not.
const BRITISH_ISE =
  /^(regular|normal|optim|minim|maxim|general|memor|initial|parallel|recogn|summar|penal|visual|real|special|standard|random|stabil|vector|custom|character|util|organ|categor|emphas|analy|paralys|prior|serial|tokeni|quant|linear|central|symbol)is(e|es|ed|ing|ation|ations|er|ers|able)$/;
const BRITISH_OUR = /^(behavi|col|fav|flav|hon|lab|neighb|harb|hum|rum|vap|vig)our(s|ed|ing|ite|ites|al)?$/;
const BRITISH_RE = /^(cent|met|fib|lit|theat)re(s|d)?$/;
const BRITISH_DOUBLE_L = /^(model|label|travel|cancel|signal|fuel)l(ed|ing|er|ers)$/;

/** Irregular forms the stemmer leaves apart ("goes" → "goe", "went"): one form each. */
const IRREGULAR: Record<string, string> = {
  goes: "go",
  went: "go",
  gone: "go",
  going: "go",
  ran: "run",
  running: "run",
  runs: "run",
  grew: "grow",
  grown: "grow",
  rose: "rise",
  risen: "rise",
  fell: "fall",
  fallen: "fall",
  took: "take",
  taken: "take",
  chose: "choose",
  chosen: "choose",
};

/** Lower-cased, trimmed of punctuation, with one spelling ("normalisation" → "normalization"). */
export function normalizeWord(term: string): string {
  const t = term.toLowerCase().replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "");
  return (
    IRREGULAR[t] ??
    t.replace(BRITISH_ISE, "$1iz$2").replace(BRITISH_OUR, "$1or$2").replace(BRITISH_RE, "$1er$2").replace(BRITISH_DOUBLE_L, "$1$2")
  );
}

const stemCache = new Map<string, string>();

/** The stem of a normalised word ("overfitting" → "overfit"); numbers stay as they are. */
export function stemWord(word: string): string {
  if (/^[\d.]+$/.test(word)) return word;
  let s = stemCache.get(word);
  if (s === undefined) {
    s = stemmer(word);
    if (stemCache.size > 50_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/** Index- and query-side term processing: the stem, or null for a stop word or a stray letter. */
export function processTerm(term: string): string | null {
  if (/^1-[a-z]$/.test(term)) return term; // "1-p", made by tokenize()
  const t = normalizeWord(term);
  if (STOP_WORDS.has(t)) return null;
  // Single letters and digits are noise ("x", "0" of "0.5" split elsewhere), except as part of
  // the whole tokens tokenize() keeps ("0.5", "1-p").
  if (t.length < 2) return null;
  return stemWord(t);
}

/**
 * Words of a text: runs of letters and digits (a dot inside "model.eval" splits, a decimal point
 * does not: "0.5"). Two kinds of token are added, so that a phrase only matches as a whole:
 * a hyphenated word as one ("self-attention" → self, attention, selfattention), and "1 − p" /
 * "1-p" as "1-p" (the keep probability of dropout, which would otherwise be two stray characters).
 */
export function tokenize(text: string): string[] {
  const words = text.match(WORD) ?? [];
  const extra = [...compoundTokens(text), ...keepTokens(text), ...camelParts(words)];
  return extra.length ? [...words, ...extra] : words;
}

/** The parts of camel-case identifiers ("noiseShape" → noise, shape; "BatchNormalizationLayer" → batch, normalization, layer). */
export const camelParts = (words: string[]) =>
  words.flatMap((w) => (/[a-z][A-Z]/.test(w) ? (w.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g) ?? []) : []));

const WORD = /\d+(?:\.\d+)+|[A-Za-z0-9]+/g;

/** Hyphenated words as one token each ("self-attention" → "selfattention"). */
export const compoundTokens = (text: string) => (text.match(/[A-Za-z]{2,}(?:-[A-Za-z]{2,})+/g) ?? []).map((c) => c.replace(/-/g, ""));

/** "1 − p", "1-p" → "1-p" (the keep probability of dropout, else two stray characters). */
export const keepTokens = (text: string) =>
  [...text.matchAll(/(?<![\w.])1\s*[-−–]\s*([a-zA-Z])(?![\w(])/g)].map((m) => `1-${m[1]!.toLowerCase()}`);

/** The distinct stems of a text (stop words left out). */
export function stems(text: string): Set<string> {
  const out = new Set<string>();
  for (const token of tokenize(text)) {
    const s = processTerm(token);
    if (s) out.add(s);
  }
  return out;
}

/**
 * Every word of a text as a stem, stop words included, in order: what vocabulary phrases
 * ("go up", "turn off") are matched against. Added tokens (compounds) are left out.
 */
export function wordStems(text: string): string[] {
  return (text.match(WORD) ?? []).map((w) => stemWord(normalizeWord(w))).filter(Boolean);
}
