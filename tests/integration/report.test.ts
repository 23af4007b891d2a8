// The authors' report queries and CSV exports on a real database (SQLite, and Postgres in CI).
import { attemptsCsv, feedbackCsv, ITEM_COLUMNS, itemsCsv } from "@/lib/authors/export.server";
import { discriminationFromRows } from "@/lib/authors/item-analysis";
import { feedbackRevisions, feedbackSummary, itemAnalysis, quizStatistics, recentComments } from "@/lib/authors/report.server";
import { getChapterById } from "@/lib/content/course.server";
import { db, resetDb } from "../support/db";

const CHAPTER = "optimization-regularization/regularization-techniques/dropout";
const current = getChapterById(CHAPTER)!.revision;
const learnerId = (x: string) => `${x.repeat(8)}-0000-4000-8000-000000000000`;
const learners = [learnerId("a"), learnerId("b"), learnerId("c"), learnerId("d")] as const;

async function text(stream: ReadableStream<Uint8Array>) {
  return new Response(stream).text();
}

beforeAll(async () => {
  await resetDb();
  for (const id of learners) await db.learner.create({ data: { id } });
  const feedback = [
    { learnerId: learners[0], revision: current, clear: true, comment: null },
    { learnerId: learners[1], revision: current, clear: false, comment: '<script>alert("x")</script> and [a link](http://evil.example)' },
    { learnerId: learners[2], revision: current, clear: false, comment: "=SUM(A1:A9)" },
    { learnerId: learners[3], revision: "0123456789ab", clear: true, comment: "old text was fine" },
  ];
  for (const f of feedback) await db.feedback.create({ data: { chapterId: CHAPTER, ...f } });
  const attempt = (learnerId: string, attempt: number, selected: string[], score: number) =>
    db.quizAttempt.create({
      data: {
        learnerId,
        chapterId: CHAPTER,
        questionId: "dropout-statements",
        revision: "r",
        attempt,
        selected: JSON.stringify(selected),
        shownOrder: "[]",
        score,
        correct: score === 1,
      },
    });
  await attempt(learners[0], 1, ["drop-with-p", "p-is-keep"], 0);
  await attempt(learners[0], 2, ["drop-with-p", "inverted-scaling", "expectation"], 1);
  await attempt(learners[1], 1, ["p-is-keep"], 0);
});
afterAll(() => db.$disconnect());

it("summarises votes per chapter and revision", async () => {
  const rows = await feedbackSummary();
  expect(rows.map(({ revision, votes, clear, comments }) => ({ revision, votes, clear, comments }))).toEqual(
    expect.arrayContaining([
      { revision: current, votes: 3, clear: 1, comments: 2 },
      { revision: "0123456789ab", votes: 1, clear: 1, comments: 1 },
    ]),
  );
  expect(rows[0]?.title).toBe("Dropout: Theory and Implementation");
});

it("filters by content revision", async () => {
  expect((await feedbackSummary("0123456789ab")).map((r) => r.votes)).toEqual([1]);
  expect((await recentComments("0123456789ab")).map((c) => c.comment)).toEqual(["old text was fine"]);
  expect((await feedbackRevisions()).map((r) => r.revision).sort()).toEqual(["0123456789ab", current].sort());
});

it("computes facility, learners, first vs later attempts and choice picks per question", async () => {
  const stats = (await quizStatistics()).find((q) => q.questionId === "dropout-statements")!;
  expect(stats).toMatchObject({ attempts: 3, learners: 2, fullyCorrect: 1, firstAttempts: 2, firstScore: 0, laterScore: 1 });
  expect(stats.facility).toBeCloseTo(1 / 3);
  const picked = Object.fromEntries(stats.choices.map((c) => [c.id, c.picked]));
  expect(picked).toMatchObject({ "p-is-keep": 2, "drop-with-p": 2, "inverted-scaling": 1, expectation: 1, "replaces-data": 0 });
  // Questions nobody answered yet are listed with zeros.
  expect((await quizStatistics()).find((q) => q.questionId === "eval-twice")).toMatchObject({ attempts: 0, facility: null });
});

it("exports feedback as CSV with formulas neutralised", async () => {
  const csv = await text(feedbackCsv());
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe('"chapter","revision","learner","clear","comment","created_at","updated_at"');
  expect(lines).toHaveLength(5);
  expect(csv).toContain(`"<script>alert(""x"")</script> and [a link](http://evil.example)"`);
  expect(csv).toContain(`,"'=SUM(A1:A9)",`);
});

it("exports attempts as CSV", async () => {
  const lines = (await text(attemptsCsv())).trim().split("\r\n");
  expect(lines[0]).toBe(
    '"chapter","question","quiz_revision","learner","round","attempt","selected","shown_order","score","correct","created_at"',
  );
  expect(lines).toHaveLength(4);
  expect(lines[2]).toContain(`,"1","2","drop-with-p inverted-scaling expectation","","1","true",`);
});

describe("item analysis", () => {
  // Four rounds of items A (eval-twice, single), B (spatial-noise-shape, single), C (var-inverted,
  // computed) and D (dropout-bn-placement, single); 1 = right. Round means: L1 .75, L2 .5, L3 .25,
  // L4 .5. Noise that must not count: a round after seeing solutions (informed), a retry, and a
  // round with a single item (counts for facility, not for discrimination).
  const A = "eval-twice";
  const B = "spatial-noise-shape";
  const C = "var-inverted";
  const D = "dropout-bn-placement";
  const pick: Record<string, string[]> = {
    [A]: ["identical", "differ"],
    [B]: ["batch-1-1-channels", "batch-1-1-1"],
    [D]: ["after-last-bn", "on-logits"],
  };
  type Row = {
    learner: string;
    round?: number;
    attempt?: number;
    informed?: boolean;
    q: string;
    right: boolean;
    selected?: string[];
    params?: object;
  };
  const rows: Row[] = [
    ...[
      { learner: learners[0], a: 1, b: 1, c: 1, d: 0, h: 0.6, p: 0.15 },
      { learner: learners[1], a: 1, b: 0, c: 0, d: 1, h: 2.9, p: 0.55 },
      { learner: learners[2], a: 0, b: 0, c: 0, d: 1, h: 2.9, p: 0.15 },
      { learner: learners[3], a: 0, b: 1, c: 1, d: 0, h: 1.5, p: 0.35 },
    ].flatMap((r): Row[] => [
      { learner: r.learner, q: A, right: r.a === 1, selected: r.learner === learners[3] ? ["halved"] : undefined },
      { learner: r.learner, q: B, right: r.b === 1 },
      { learner: r.learner, q: C, right: r.c === 1, params: { h: r.h, p: r.p } },
      { learner: r.learner, q: D, right: r.d === 1 },
    ]),
    { learner: learners[2], attempt: 2, q: A, right: true },
    ...[A, B, D].map((q): Row => ({
      learner: learners[0],
      round: 2,
      informed: true,
      q,
      right: false,
      selected: q === A ? ["needs-seed"] : undefined,
    })),
    { learner: learners[0], round: 2, informed: true, q: C, right: false, params: { h: 0.6, p: 0.15 } },
    { learner: learnerId("e"), q: A, right: true },
  ];

  beforeAll(async () => {
    await db.quizAttempt.deleteMany();
    await db.learner.create({ data: { id: learnerId("e") } });
    for (const r of rows) {
      const choices = pick[r.q];
      await db.quizAttempt.create({
        data: {
          learnerId: r.learner,
          chapterId: CHAPTER,
          questionId: r.q,
          revision: "r",
          round: r.round ?? 1,
          attempt: r.attempt ?? 1,
          informed: r.informed ?? false,
          selected: JSON.stringify(r.selected ?? (choices ? [choices[r.right ? 0 : 1]] : [r.right ? "0.0635" : "1"])),
          shownOrder: "[]",
          params: r.params ? JSON.stringify(r.params) : null,
          score: r.right ? 1 : 0,
          correct: r.right,
        },
      });
    }
  });

  const analysed = async () => new Map((await itemAnalysis()).filter((i) => i.chapterId === CHAPTER).map((i) => [i.questionId, i]));

  it("computes facility on first attempts, leaving out informed rounds and retries", async () => {
    const items = await analysed();
    expect(items.get(A)).toMatchObject({ type: "single", firstAttempts: 5, correct: 3, facility: 0.6, meanScore: 0.6 });
    expect(items.get(B)).toMatchObject({ firstAttempts: 4, correct: 2, facility: 0.5 });
    expect(items.get(C)).toMatchObject({ type: "computed", firstAttempts: 4, facility: 0.5 });
    expect(items.get("forgot-eval")).toMatchObject({ firstAttempts: 0, facility: null, flags: ["few-data"] });
  });

  it("computes the point-biserial discrimination as by hand", async () => {
    const items = await analysed();
    // A: x = (1,1,0,0), y = (.75,.5,.25,.5): Σdx·dy = .25, Σdx² = 1, Σdy² = .125 → r = 1/√2.
    expect(items.get(A)?.discrimination).toMatchObject({ n: 4, r: expect.closeTo(Math.SQRT1_2, 8) });
    expect(items.get(B)?.discrimination.r).toBeCloseTo(Math.SQRT1_2, 8);
    // D: x = (0,1,1,0) → r = −1/√2; with D left out of the totals y = (1, 1/3, 0, 2/3) → −2/√5.
    expect(items.get(D)?.discrimination).toMatchObject({
      n: 4,
      r: expect.closeTo(-Math.SQRT1_2, 8),
      rest: expect.closeTo(-2 / Math.sqrt(5), 8),
    });
    expect(items.get(D)?.flags).toEqual(["negative-discrimination", "few-data"]);
    // The SQL agrees with the reference in item-analysis.ts on the stored rows.
    const stored = await db.quizAttempt.findMany();
    const reference = discriminationFromRows(stored);
    for (const q of [A, B, C, D]) {
      const ref = reference.get(`${CHAPTER}/${q}`)!;
      expect(items.get(q)?.discrimination.r).toBeCloseTo(ref.r!, 8);
      expect(items.get(q)?.discrimination.rest).toBeCloseTo(ref.rest!, 8);
    }
  });

  it("counts choice picks on first attempts, and facility per parameter third", async () => {
    const items = await analysed();
    expect(Object.fromEntries(items.get(A)!.choices!.map((c) => [c.id, [c.picked, c.correct]]))).toEqual({
      identical: [3, true],
      differ: [1, false],
      halved: [1, false],
      "needs-seed": [0, false], // picked only in the informed round
    });
    // var-inverted: h in 0.5..3 (thirds cut at 1.33 and 2.17), p in 0.1..0.6 (cut at 0.27 and 0.43).
    const thirds = Object.fromEntries(items.get(C)!.params!.map((p) => [p.name, p.thirds.map((t) => [t.correct, t.n])]));
    expect(thirds).toEqual({
      h: [
        [1, 1],
        [1, 1],
        [0, 2],
      ],
      p: [
        [1, 2],
        [1, 1],
        [0, 1],
      ],
    });
  });

  it("exports the per-item statistics as CSV", async () => {
    const lines = (await itemsCsv()).trim().split("\r\n");
    expect(lines[0]).toBe(`${ITEM_COLUMNS.map((c) => `"${c}"`).join(",")}`);
    const d = lines.find((l) => l.startsWith(`"${CHAPTER}","${D}",`));
    expect(d).toContain(
      `"single","4","2","0.5","0.5","-0.7071","-0.8944","4","negative discrimination (r < 0); few data (< 10 first attempts)",`,
    );
    const a = lines.find((l) => l.startsWith(`"${CHAPTER}","${A}",`));
    expect(a).toContain(`"identical* 3/5; differ 1/5; halved 1/5; needs-seed 0/5"`);
    const c = lines.find((l) => l.startsWith(`"${CHAPTER}","${C}",`));
    expect(c).toContain(`"h: low 1/1, middle 1/1, high 0/2; p: low 1/2, middle 1/1, high 0/1"`);
  });
});
