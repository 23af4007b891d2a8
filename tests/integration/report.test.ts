// The authors' report queries and CSV exports on a real database (SQLite, and Postgres in CI).
import { attemptsCsv, feedbackCsv } from "@/lib/authors/export.server";
import { feedbackRevisions, feedbackSummary, quizStatistics, recentComments } from "@/lib/authors/report.server";
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
