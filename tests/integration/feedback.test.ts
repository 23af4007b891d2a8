// The feedback API against a real database: votes, changed votes, comments, and everything that
// must be refused (rate limit, honeypot, bad input) without writing a row.
import { GET, POST } from "@/app/api/feedback/route";
import { getChapterById } from "@/lib/content/course.server";
import { countRows, db, resetDb } from "../support/db";
import { request } from "../support/requests";

const CHAPTER = "optimization-regularization/regularization-techniques/dropout";
const revision = getChapterById(CHAPTER)!.revision;
let ip = 0;
/** Each test gets its own address and learner so the shared rate limiter does not interfere. */
const fresh = () => ({ ip: `10.9.0.${++ip}`, learner: `00000000-0000-4000-8000-${String(ip).padStart(12, "0")}` });

const post = (who: { ip: string; learner?: string }, body: unknown, raw?: string) =>
  POST(
    request("/api/feedback", {
      body: raw === undefined ? body : undefined,
      rawBody: raw,
      learner: who.learner,
      headers: { "x-forwarded-for": who.ip },
    }),
  );

beforeEach(resetDb);
afterAll(() => db.$disconnect());

it("stores a vote from a new learner (signed cookie from a read), creating the learner", async () => {
  const who = fresh();
  const response = await post(who, { chapterId: CHAPTER, revision, vote: "no" });
  expect(response.status).toBe(200);
  const learner = who.learner;
  const rows = await db.feedback.findMany({ select: { learnerId: true, chapterId: true, revision: true, clear: true, comment: true } });
  expect(rows).toEqual([{ learnerId: learner, chapterId: CHAPTER, revision, clear: false, comment: null }]);
});

it("keeps one current vote per learner and revision: a changed vote replaces the old one", async () => {
  const who = fresh();
  await post(who, { chapterId: CHAPTER, revision, vote: "no" });
  await post(who, { chapterId: CHAPTER, revision, vote: "no", comment: "The two conventions table\nconfused me." });
  const changed = await (await post(who, { chapterId: CHAPTER, revision, vote: "yes" })).json();
  expect(changed.feedback).toMatchObject({ vote: "yes", comment: "The two conventions table\nconfused me." });
  expect(await db.feedback.count()).toBe(1);
  const mine = await (
    await GET(request(`/api/feedback?chapterId=${encodeURIComponent(CHAPTER)}&revision=${revision}`, { learner: who.learner }))
  ).json();
  expect(mine.feedback).toMatchObject({ vote: "yes", comment: "The two conventions table\nconfused me." });
});

it("strips control characters from comments", async () => {
  const who = fresh();
  await post(who, { chapterId: CHAPTER, revision, vote: "no", comment: "  bad\u0000 \u202Ebidi\u0007 text\r\nnext  " });
  expect((await db.feedback.findFirstOrThrow()).comment).toBe("bad bidi text\nnext");
});

it("limits writes to 10 a minute per learner, with a clear 429 and Retry-After", async () => {
  const who = fresh();
  for (let i = 0; i < 10; i++) expect((await post(who, { chapterId: CHAPTER, revision, vote: i % 2 ? "yes" : "no" })).status).toBe(200);
  const before = await db.feedback.findFirstOrThrow();
  const limited = await post({ ip: "10.9.9.9", learner: who.learner }, { chapterId: CHAPTER, revision, vote: "no", comment: "spam" });
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  expect((await limited.json()).error).toMatch(/Too many feedback submissions\. Please wait \d+ seconds/);
  expect(await db.feedback.findFirstOrThrow()).toEqual(before);
});

it("limits writes per IP address too, whatever the cookie says", async () => {
  const { ip: address } = fresh();
  for (let i = 0; i < 10; i++) await post({ ip: address, learner: fresh().learner }, { chapterId: CHAPTER, revision, vote: "yes" });
  const rows = await db.feedback.count();
  expect((await post({ ip: address, learner: fresh().learner }, { chapterId: CHAPTER, revision, vote: "yes" })).status).toBe(429);
  expect(await db.feedback.count()).toBe(rows);
});

describe("refused without writing anything", () => {
  it.each<[string, unknown, number, RegExp, string | undefined]>([
    [
      "a filled honeypot",
      { chapterId: CHAPTER, revision, vote: "yes", website: "http://spam.example" },
      400,
      /Submission rejected/,
      undefined,
    ],
    ["wrong types", { chapterId: CHAPTER, revision, vote: true, comment: 5 }, 400, /vote.*comment/, undefined],
    ["an unknown vote", { chapterId: CHAPTER, revision, vote: "maybe" }, 400, /vote/, undefined],
    [
      "a 10 KB comment",
      { chapterId: CHAPTER, revision, vote: "no", comment: "x".repeat(10_000) },
      400,
      /comment: must be at most 2000 characters/,
      undefined,
    ],
    ["a 20 KB body", { chapterId: CHAPTER, revision, vote: "no", comment: "x".repeat(20_000) }, 413, /larger than/, undefined],
    ["an unknown chapter", { chapterId: "nope/nope/nope", revision, vote: "no" }, 404, /Unknown chapter/, undefined],
    ["a stale revision", { chapterId: CHAPTER, revision: "0123456789ab", vote: "no" }, 409, /updated since you opened it/, undefined],
    ["an extra field", { chapterId: CHAPTER, revision, vote: "no", rating: 5 }, 400, /rating/, undefined],
    ["not JSON", null, 400, /not valid JSON/, "{vote"],
  ])("%s", async (_name, body, status, message, raw) => {
    const response = await post(fresh(), body, raw);
    expect(response.status).toBe(status);
    expect((await response.json()).error).toMatch(message);
    expect(await countRows()).toEqual({ learners: 0, progress: 0, attempts: 0, feedback: 0 });
  });
});
