// How Ask AI reads text, the same for passages and questions.
import { stemmer } from "stemmer";

export const STOP_WORDS = new Set(
  "a an and are as at be been being but by can could did do does doing done for from had has have having how i if in into is it its me my of on or our should so that the their them then there these they this to too up use used using was we were what when where which while who why will with would you your yours explain tell about get got gets im ive id whats thats dont doesnt isnt ok okay basically actually really just people say says said much any some also still suddenly even exactly anymore kind sort during than via every each aka etc eg ie".split(
    " ",
  ),
);

/** Question filler ("a good way to"): counts, but much less. */
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

/** Irregular forms the stemmer leaves apart ("goes" → "goe", "went"). */
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

export function normalizeWord(term: string): string {
  const t = term.toLowerCase().replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "");
  return (
    IRREGULAR[t] ??
    t.replace(BRITISH_ISE, "$1iz$2").replace(BRITISH_OUR, "$1or$2").replace(BRITISH_RE, "$1er$2").replace(BRITISH_DOUBLE_L, "$1$2")
  );
}

const stemCache = new Map<string, string>();

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

/** The stem, or null for a stop word or a stray letter. */
export function processTerm(term: string): string | null {
  if (/^1-[a-z]$/.test(term)) return term; // "1-p", made by tokenize()
  const t = normalizeWord(term);
  if (STOP_WORDS.has(t)) return null;
  if (t.length < 2) return null;
  return stemWord(t);
}

/** Words ("0.5" whole), plus hyphenated words, "1-p" and camel-case parts as extra tokens. */
export function tokenize(text: string): string[] {
  const words = text.match(WORD) ?? [];
  const extra = [...compoundTokens(text), ...keepTokens(text), ...camelParts(words)];
  return extra.length ? [...words, ...extra] : words;
}

export const camelParts = (words: string[]) =>
  words.flatMap((w) => (/[a-z][A-Z]/.test(w) ? (w.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g) ?? []) : []));

const WORD = /\d+(?:\.\d+)+|[A-Za-z0-9]+/g;

export const compoundTokens = (text: string) => (text.match(/[A-Za-z]{2,}(?:-[A-Za-z]{2,})+/g) ?? []).map((c) => c.replace(/-/g, ""));

/** "1 − p" → "1-p" (dropout's keep probability, else two stray characters). */
export const keepTokens = (text: string) =>
  [...text.matchAll(/(?<![\w.])1\s*[-−–]\s*([a-zA-Z])(?![\w(])/g)].map((m) => `1-${m[1]!.toLowerCase()}`);

export function stems(text: string): Set<string> {
  const out = new Set<string>();
  for (const token of tokenize(text)) {
    const s = processTerm(token);
    if (s) out.add(s);
  }
  return out;
}

/** Every word as a stem, stop words included, in order: what vocabulary phrases match against. */
export function wordStems(text: string): string[] {
  return (text.match(WORD) ?? []).map((w) => stemWord(normalizeWord(w))).filter(Boolean);
}
