// Item analysis on hand-made data: point-biserial against hand computations, flags, thirds.
import {
  type AttemptRow,
  choicePicks,
  correlationFromSums,
  discriminationFromRows,
  facilityFromRows,
  flagsFor,
  paramThirds,
  pointBiserial,
  stepsInPlace,
  sumsOf,
  thirdOf,
} from "./item-analysis";

describe("point-biserial correlation", () => {
  // Item scores x and totals y of five learners. By hand: means 0.6 and 0.6;
  // Σdx·dy = 0.08 + 0 + 0.12 + 0.24 + 0.16 = 0.6, Σdx² = 1.2, Σdy² = 0.4,
  // r = 0.6 / √(1.2 · 0.4) = 0.6 / √0.48 = √3 / 2 ≈ 0.8660.
  const pairs: [number, number][] = [
    [1, 0.8],
    [1, 0.6],
    [0, 0.4],
    [0, 0.2],
    [1, 1.0],
  ];

  it("matches the hand computation", () => {
    expect(pointBiserial(pairs)).toBeCloseTo(Math.sqrt(3) / 2, 10);
  });

  it("matches the textbook formula (M1 − M0) / s · √(pq)", () => {
    // M1 = mean total of those right = 0.8, M0 = 0.3, s (population) = √(0.4 / 5), p = 0.6, q = 0.4.
    expect(pointBiserial(pairs)).toBeCloseTo(((0.8 - 0.3) / Math.sqrt(0.08)) * Math.sqrt(0.6 * 0.4), 10);
  });

  it("is negative when the weaker learners get the item right", () => {
    expect(pointBiserial(pairs.map(([x, y]) => [1 - x, y]))).toBeCloseTo(-Math.sqrt(3) / 2, 10);
  });

  it("is undefined without variation or with fewer than two pairs", () => {
    expect(pointBiserial([])).toBeNull();
    expect(pointBiserial([[1, 0.5]])).toBeNull();
    expect(
      pointBiserial([
        [1, 0.2],
        [1, 0.9],
      ]),
    ).toBeNull(); // everybody right
    expect(
      pointBiserial([
        [0, 0.5],
        [1, 0.5],
      ]),
    ).toBeNull(); // equal totals
  });

  it("gives the same from sums as the database returns them", () => {
    const s = sumsOf(pairs);
    expect(s).toEqual({ n: 5, sx: 3, sy: 3, sxx: 3, syy: expect.closeTo(2.2), sxy: expect.closeTo(2.4) });
    expect(correlationFromSums({ ...s, syy: 2.2, sxy: 2.4 })).toBeCloseTo(Math.sqrt(3) / 2, 10);
  });
});

describe("from attempt rows", () => {
  const row = (learner: string, round: number, questionId: string, score: number, more: Partial<AttemptRow> = {}): AttemptRow => ({
    learnerId: learner,
    chapterId: "ch",
    questionId,
    round,
    attempt: 1,
    informed: false,
    score,
    correct: score === 1,
    ...more,
  });
  // Four rounds of items a, b, c. Totals (mean): L1 1, L2 1/3, L3 0, L4 2/3.
  const rows = [
    row("L1", 1, "a", 1),
    row("L1", 1, "b", 1),
    row("L1", 1, "c", 1),
    row("L2", 1, "a", 1),
    row("L2", 1, "b", 0),
    row("L2", 1, "c", 0),
    row("L3", 1, "a", 0),
    row("L3", 1, "b", 0),
    row("L3", 1, "c", 0),
    row("L3", 1, "a", 1, { attempt: 2 }), // a retry: not a first attempt
    row("L4", 1, "a", 0),
    row("L4", 1, "b", 1),
    row("L4", 1, "c", 1),
    // L1's second round after seeing solutions: left out everywhere.
    row("L1", 2, "a", 0, { informed: true }),
    row("L1", 2, "b", 0, { informed: true }),
    // A round with one answered item: counts for facility, not for discrimination.
    row("L5", 1, "a", 1),
  ];

  it("computes facility on non-informed first attempts", () => {
    const f = facilityFromRows(rows);
    expect(f.get("ch/a")).toEqual({ firstAttempts: 5, correct: 3, facility: 0.6 });
    expect(f.get("ch/b")).toEqual({ firstAttempts: 4, correct: 2, facility: 0.5 });
  });

  it("correlates with the round total, leaving out informed and one-item rounds", () => {
    const d = discriminationFromRows(rows);
    // a: x = (1, 1, 0, 0), y = (1, 1/3, 0, 2/3): Σdx·dy = 1/3, Σdx² = 1, Σdy² = 5/9 → r = 1/√5.
    expect(d.get("ch/a")).toMatchObject({ n: 4, r: expect.closeTo(1 / Math.sqrt(5), 10) });
    // b: x = (1, 0, 0, 1): Σdx·dy = 2/3 → r = 2/√5.
    expect(d.get("ch/b")?.r).toBeCloseTo(2 / Math.sqrt(5), 10);
    // a, item left out of the total: y = (1, 0, 0, 1) → r = 0.
    expect(d.get("ch/a")?.rest).toBeCloseTo(0, 10);
  });
});

describe("flags", () => {
  it.each([
    [{ facility: 0.95, discrimination: 0.3, firstAttempts: 40 }, ["too-easy"]],
    [{ facility: 0.9, discrimination: 0.3, firstAttempts: 40 }, []],
    [{ facility: 0.1, discrimination: -0.2, firstAttempts: 40 }, ["too-hard", "negative-discrimination"]],
    [{ facility: 0.2, discrimination: 0, firstAttempts: 10 }, []],
    [{ facility: 0.5, discrimination: null, firstAttempts: 9 }, ["few-data"]],
    [{ facility: null, discrimination: null, firstAttempts: 0 }, ["few-data"]],
  ])("%j → %j", (stats, flags) => {
    expect(flagsFor(stats)).toEqual(flags);
  });
});

describe("parameter thirds", () => {
  it("splits a range into thirds, boundary values to the middle", () => {
    expect([0, 1, 2, 3].map((v) => thirdOf(v, 0, 3))).toEqual(["low", "middle", "middle", "high"]);
    expect([0.2, 0.3, 0.4, 0.5, 0.6].map((v) => thirdOf(v, 0.2, 0.6))).toEqual(["low", "low", "middle", "high", "high"]);
    expect(thirdOf(5, 5, 5)).toBe("middle");
  });

  it("computes facility per third of each parameter", () => {
    const rows = [
      { params: '{"h":0.5,"p":0.1}', n: 4, correct: 4 },
      { params: '{"h":1.2,"p":0.6}', n: 2, correct: 1 },
      { params: '{"h":2,"p":0.35}', n: 3, correct: 1 },
      { params: '{"h":3,"p":0.6}', n: 1, correct: 0 },
      { params: null, n: 5, correct: 5 },
      { params: "not json", n: 1, correct: 1 },
    ];
    const [h, p] = paramThirds(rows, { h: { min: 0.5, max: 3 }, p: { min: 0.1, max: 0.6 } });
    // h: thirds cut at 1.333 and 2.167.
    expect(h).toEqual({
      name: "h",
      min: 0.5,
      max: 3,
      thirds: [
        { third: "low", n: 6, correct: 5, facility: 5 / 6, lo: 0.5, hi: 1.2 },
        { third: "middle", n: 3, correct: 1, facility: 1 / 3, lo: 2, hi: 2 },
        { third: "high", n: 1, correct: 0, facility: 0, lo: 3, hi: 3 },
      ],
    });
    expect(p?.thirds.map((t) => [t.third, t.n, t.correct])).toEqual([
      ["low", 4, 4],
      ["middle", 3, 1],
      ["high", 3, 1],
    ]);
  });

  it("lists a parameter without attempts, and splits an unknown one over the values seen", () => {
    const [n, old] = paramThirds(
      [
        { params: '{"old":10}', n: 1, correct: 1 },
        { params: '{"old":40}', n: 1, correct: 0 },
      ],
      { n: { min: 1, max: 9 } },
    );
    expect(n?.thirds.map((t) => t.facility)).toEqual([null, null, null]);
    expect(old).toMatchObject({ name: "old", min: 10, max: 40 });
    expect(old?.thirds.map((t) => t.n)).toEqual([1, 0, 1]);
  });
});

/** n answers that selected these ids, as the attempts table stores them (a JSON list). */
const selected = (n: number, ...ids: string[]) => ({ selected: JSON.stringify(ids), n });

it("counts choice picks, ignoring unknown ids and duplicates", () => {
  const picks = choicePicks([selected(3, "a", "b"), selected(2, "b", "b", "gone"), selected(1)], ["a", "b", "c"]);
  expect(Object.fromEntries(picks)).toEqual({ a: 3, b: 5, c: 0 });
});

it("counts steps put in their right place", () => {
  const inPlace = stepsInPlace(
    [selected(2, "s1", "s2", "s3"), selected(3, "s1", "s3", "s2"), selected(1, "s3", "s2", "s1")],
    ["s1", "s2", "s3"],
  );
  expect(Object.fromEntries(inPlace)).toEqual({ s1: 5, s2: 3, s3: 2 });
});
