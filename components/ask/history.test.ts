// The kept Ask AI conversation: per chapter, finished exchanges only, bounded, and checked when
// read back (what does not parse is dropped, never shown).
import { historyKey, MAX_CHARS, MAX_EXCHANGES, readHistory, writeHistory, type Exchange } from "./history";

class MemoryStorage {
  items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, v);
  removeItem = (k: string) => void this.items.delete(k);
}

const CHAPTER = "course/section/chapter";

const exchange = (id: number, extra: Partial<Exchange["answer"]> = {}): Exchange => ({
  id,
  question: `question ${id}`,
  answer: {
    mode: "course",
    sources: [{ heading: "Choosing the rate", chapterTitle: "Dropout", href: "/courses/c/s/dropout#choosing-the-rate" }],
    text: "",
    parts: [
      {
        heading: "Choosing the rate",
        chapterTitle: "Dropout",
        href: "/courses/c/s/dropout#choosing-the-rate",
        quotes: ["Use 0.5."],
        html: ["Use 0.5."],
      },
    ],
    notices: [],
    done: true,
    ...extra,
  },
});

it("keeps a chapter's finished exchanges and gives them back after a reload", () => {
  const storage = new MemoryStorage();
  const pending = { ...exchange(3), answer: { ...exchange(3).answer, done: false } };
  expect(writeHistory(storage, CHAPTER, [exchange(1), exchange(2), pending])).toBe(true);
  expect(readHistory(storage, CHAPTER)).toEqual([exchange(1), exchange(2)]);
  expect(readHistory(storage, "course/section/other")).toEqual([]);
});

it("keeps at most the newest exchanges that fit its bounds", () => {
  const storage = new MemoryStorage();
  const many = Array.from({ length: MAX_EXCHANGES + 5 }, (_, i) => exchange(i + 1));
  writeHistory(storage, CHAPTER, many);
  expect(readHistory(storage, CHAPTER).map((x) => x.id)).toEqual(many.slice(5).map((x) => x.id));

  const big = Array.from({ length: 12 }, (_, i) => exchange(i + 1, { text: "x".repeat(19_000), mode: "model" }));
  writeHistory(storage, CHAPTER, big);
  const kept = readHistory(storage, CHAPTER);
  expect(storage.getItem(historyKey(CHAPTER))!.length).toBeLessThanOrEqual(MAX_CHARS);
  expect(kept.length).toBeLessThan(big.length);
  expect(kept.at(-1)?.id).toBe(12);
});

it("clears the key when the conversation is cleared", () => {
  const storage = new MemoryStorage();
  writeHistory(storage, CHAPTER, [exchange(1)]);
  writeHistory(storage, CHAPTER, []);
  expect(storage.items.has(historyKey(CHAPTER))).toBe(false);
});

it.each([
  ["not JSON", "{"],
  ["another shape", JSON.stringify({ exchanges: [{ id: 1 }] })],
  [
    "a link off the site",
    JSON.stringify({
      exchanges: [
        { ...exchange(1), answer: { ...exchange(1).answer, sources: [{ heading: "x", chapterTitle: "y", href: "javascript:alert(1)" }] } },
      ],
    }),
  ],
  [
    "a link to another origin",
    JSON.stringify({
      exchanges: [
        { ...exchange(1), answer: { ...exchange(1).answer, sources: [{ heading: "x", chapterTitle: "y", href: "//evil.example/" }] } },
      ],
    }),
  ],
  ["an unfinished answer", JSON.stringify({ exchanges: [{ ...exchange(1), answer: { ...exchange(1).answer, done: false } }] })],
])("drops what it finds under the key when it is %s", (_what, raw) => {
  const storage = new MemoryStorage();
  storage.setItem(historyKey(CHAPTER), raw);
  expect(readHistory(storage, CHAPTER)).toEqual([]);
  expect(storage.items.has(historyKey(CHAPTER))).toBe(false);
});

it("works on when storage is blocked or full", () => {
  const blocked = {
    getItem: () => {
      throw new Error("SecurityError");
    },
    setItem: () => {
      throw new Error("QuotaExceededError");
    },
    removeItem: () => {
      throw new Error("SecurityError");
    },
  };
  expect(readHistory(blocked, CHAPTER)).toEqual([]);
  expect(writeHistory(blocked, CHAPTER, [exchange(1)])).toBe(false);
});
