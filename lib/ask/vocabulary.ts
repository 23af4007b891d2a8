// Learners' words → the text's words ("goes up" finds "rises"), for questions only.
import { z } from "zod";
import {
  camelParts,
  compoundTokens,
  keepTokens,
  normalizeWord,
  processTerm,
  stemWord,
  STOP_WORDS,
  tokenize,
  WEAK_WORDS,
  wordStems,
} from "./text";

const phrase = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} .'’+_()-]*$/u, {
    error: (issue) => `"${String(issue.input)}" must be a word or a short phrase (letters, digits, spaces and - . ' + _ ( ))`,
  })
  .refine((p) => p.split(/\s+/).length <= 5, { error: (issue) => `"${String(issue.input)}" has more than 5 words` });

export const vocabularyEntrySchema = z
  .object({
    learner: z.array(phrase).min(1, "must list at least one word learners use"),
    course: z.array(phrase).min(1, "must list at least one word the text uses"),
  })
  .strict();

/** <course>/ask/vocabulary.yaml */
export const vocabularyFileSchema = z
  .object({
    synonyms: z.array(vocabularyEntrySchema).max(2_000),
    /** Too broad to name a topic of this course: in a question they count as filler. */
    broad: z.array(phrase).max(500).default([]),
  })
  .strict();

export type VocabularyFile = z.infer<typeof vocabularyFileSchema>;

/** Phrases as stems, stop words kept ("go up" is not "go"). */
export type Vocabulary = { phrase: string[]; adds: string[][]; broad?: true }[];

function contentStems(text: string): string[] {
  return tokenize(text)
    .map(processTerm)
    .filter((t): t is string => t !== null);
}

export function compileVocabulary(file: VocabularyFile): Vocabulary {
  const out: Vocabulary = [];
  for (const entry of file.synonyms) {
    const adds = entry.course.map(contentStems).filter((a) => a.length > 0);
    for (const learner of entry.learner) {
      const words = wordStems(learner);
      if (words.length && adds.length) out.push({ phrase: words, adds });
    }
  }
  for (const broad of file.broad) {
    const words = wordStems(broad);
    if (words.length) out.push({ phrase: words, adds: [], broad: true });
  }
  return out;
}

/** Only words whose meaning does not depend on the subject. */
export const ENGLISH: VocabularyFile = {
  broad: [],
  synonyms: [
    {
      learner: [
        "go up",
        "goes up",
        "going up",
        "went up",
        "shoot up",
        "shoots up",
        "creep up",
        "creeps up",
        "climb",
        "grow",
        "skyrocket",
        "skyrockets",
      ],
      course: ["rise", "increase", "grow", "shoot up"],
    },
    { learner: ["increase", "increasing"], course: ["rise", "grow", "larger"] },
    { learner: ["go down", "goes down", "going down", "went down", "decline", "shrink"], course: ["fall", "decrease", "lower"] },
    { learner: ["decrease", "decreasing"], course: ["fall", "lower", "smaller"] },
    { learner: ["pick", "select", "decide", "tune", "tuning", "set"], course: ["choose", "choice"] },
    { learner: ["ideal", "best value", "right value"], course: ["choose", "typical"] },
    { learner: ["big", "huge", "bigger"], course: ["large"] },
    { learner: ["tiny", "little"], course: ["small"] },
    { learner: ["slow", "slower", "longer"], course: ["slow", "long", "time"] },
    { learner: ["fast", "faster", "quick", "quicker", "speed up", "speeds up"], course: ["fast", "faster", "speed"] },
    {
      learner: ["stop getting better", "stops getting better", "not improving", "stops improving", "plateau", "plateaus", "flattens"],
      course: ["improve"],
    },
    { learner: ["turn off", "turns off", "switch off", "disable", "deactivate"], course: ["switch off", "off"] },
    { learner: ["turn on", "turns on", "keep on", "enable", "activate"], course: ["switch on", "on"] },
    { learner: ["meaning", "definition", "define"], course: ["mean"] },
    { learner: ["same as", "equivalent", "identical"], course: ["same"] },
    { learner: ["versus", "vs", "compared", "compare", "comparison"], course: ["difference"] },
    { learner: ["error", "exception"], course: ["error", "fail"] },
    { learner: ["calculate", "calculates", "calculating", "calculation"], course: ["compute"] },
    { learner: ["unstable", "instability", "fluctuate", "fluctuates", "jumps around", "oscillate"], course: ["noisy", "oscillate"] },
    { learner: ["crash", "crashes", "crashed", "freezes", "hangs", "stuck"], course: ["stop respond", "crash", "restart"] },
  ],
};

export type QueryUnit = {
  own: string[];
  /** Alternatives; each is a set of stems that must all be present. */
  forms: string[][];
  /** Question filler ("good", "way"): it counts, but little. */
  weak: boolean;
  /** A hyphenated term ("self-attention"). */
  compound: boolean;
};

/** Content words and matched phrases, with their alternatives. */
export function queryUnits(question: string, vocabularies: readonly Vocabulary[]): QueryUnit[] {
  const words = (question.match(/\d+(?:\.\d+)+|[A-Za-z0-9]+/g) ?? []).map((token) => {
    const normal = normalizeWord(token);
    return { token, stem: stemWord(normal), content: !STOP_WORDS.has(normal) && normal.length >= 2, weak: WEAK_WORDS.has(normal) };
  });
  const entries = vocabularies.flat();
  const units: QueryUnit[] = [];
  const claimed = new Set<number>();
  // Longest phrases first: "stop getting better" before "better".
  const phrases = entries.filter((e) => e.phrase.length > 1).sort((a, b) => b.phrase.length - a.phrase.length);
  const byPhrase = new Map<string, QueryUnit>();
  for (const entry of phrases) {
    const n = entry.phrase.length;
    for (let i = 0; i + n <= words.length; i++) {
      if (!entry.phrase.every((s, k) => words[i + k]!.stem === s)) continue;
      if (entry.phrase.some((_, k) => claimed.has(i + k))) continue;
      const key = entry.phrase.join(" ");
      let unit = byPhrase.get(key);
      if (!unit) {
        const own = entry.phrase.filter((_, k) => words[i + k]!.content);
        // "batch norm" itself counts; "go up" does not mean "go".
        const wholePhrase = own.length === n || entry.broad ? [own] : [];
        unit = { own, forms: own.length ? wholePhrase : [], weak: entry.broad === true, compound: false };
        byPhrase.set(key, unit);
        units.push(unit);
      }
      unit.forms.push(...entry.adds);
      unit.weak &&= entry.broad === true;
      for (let k = 0; k < n; k++) claimed.add(i + k);
    }
  }
  const singles = new Map<string, { adds: string[][]; broad: boolean }>();
  for (const entry of entries) {
    if (entry.phrase.length !== 1) continue;
    const key = entry.phrase[0]!;
    const known = singles.get(key) ?? { adds: [], broad: false };
    singles.set(key, { adds: [...known.adds, ...entry.adds], broad: known.broad || entry.broad === true });
  }
  const seen = new Set(units.map((u) => u.own.join(" ")));
  const add = (stem: string, extraForms: string[][], compound: boolean, weak: boolean) => {
    if (seen.has(stem)) return;
    seen.add(stem);
    const single = singles.get(stem);
    units.push({
      own: [stem],
      forms: [[stem], ...extraForms, ...(single?.adds ?? [])],
      // Filler by the word as written: "correction" is not "correct", "important" not "import".
      weak: weak || single?.broad === true,
      compound,
    });
  };
  words.forEach((w, i) => {
    if (claimed.has(i) || !w.content) return;
    const parts = camelParts([w.token])
      .map(processTerm)
      .filter((t): t is string => t !== null);
    add(w.stem, parts.length > 1 ? [parts] : [], false, w.weak);
  });
  for (const t of compoundTokens(question)) {
    const stem = processTerm(t);
    if (stem) add(stem, [], true, false);
  }
  for (const t of keepTokens(question)) add(t, [], false, false);
  for (const u of units) {
    const keys = new Set<string>();
    u.forms = u.forms.filter((f) => {
      const k = f.join(" ");
      return !keys.has(k) && keys.add(k);
    });
  }
  return units.filter((u) => u.forms.length > 0);
}
