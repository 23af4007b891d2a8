// The progress API against a real database: learner cookie, upserts, and rejected input.
import { POST as CELLS } from "@/app/api/progress/cells/route";
import { POST as EXERCISES } from "@/app/api/progress/exercises/route";
import { GET, POST } from "@/app/api/progress/route";
import { getChapterById } from "@/lib/content/course.server";
import { countRows, db, resetDb } from "../support/db";
import { FIXTURE_LIBRARY_CHAPTER } from "../support/content-dirs";
import { learnerCookieOf, request } from "../support/requests";

const LEARNER = "0e6e1a52-3c1f-4f0b-9d5e-7b2a1c3d4e5f";

const DROPOUT = "optimization-regularization/regularization-techniques/dropout";
const revision = () => getChapterById(DROPOUT)!.revision;

beforeEach(resetDb);
afterAll(() => db.$disconnect());

describe("POST /api/progress", () => {
  it("hands a new browser a signed, httpOnly, SameSite=Lax cookie on GET; the first write stores the learner", async () => {
    const got = await GET(request("/api/progress"));
    const cookie = learnerCookieOf(got);
    expect(cookie.value).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    expect(cookie.header).toMatch(/HttpOnly/i);
    expect(cookie.header).toMatch(/SameSite=lax/i);
    const response = await POST(request("/api/progress", { body: { chapterId: DROPOUT, revision: revision() }, rawLearner: cookie.value }));
    expect(response.status).toBe(200);
    const rows = await db.chapterProgress.findMany({ select: { learnerId: true, chapterId: true, revision: true } });
    expect(rows).toEqual([{ learnerId: cookie.value!.split(".")[0], chapterId: DROPOUT, revision: revision() }]);
  });

  it("refuses a write without a cookie: a cookie-less POST creates nobody", async () => {
    const response = await POST(request("/api/progress", { body: { chapterId: DROPOUT, revision: revision() } }));
    expect(response.status).toBe(401);
    expect(await countRows()).toEqual({ learners: 0, progress: 0, attempts: 0, feedback: 0 });
  });

  it("updates the same row when the learner marks the chapter again", async () => {
    const learner = LEARNER;
    const first = await POST(request("/api/progress", { body: { chapterId: DROPOUT, revision: revision() }, learner }));
    expect(first.status).toBe(200);
    const second = await POST(request("/api/progress", { body: { chapterId: DROPOUT, revision: revision() }, learner }));
    expect(second.status).toBe(200);
    expect(learnerCookieOf(second).value).toBeUndefined();
    expect(await countRows()).toEqual({ learners: 1, progress: 1, attempts: 0, feedback: 0 });

    const listed = await (await GET(request("/api/progress", { learner }))).json();
    expect(listed.chapters).toEqual([expect.objectContaining({ chapterId: DROPOUT, revision: revision() })]);
  });

  it("hands a cookie to a new browser on GET without storing anything", async () => {
    const response = await GET(request("/api/progress"));
    expect(response.status).toBe(200);
    expect(learnerCookieOf(response).value).toMatch(/^[0-9a-f-]{36}\./);
    expect(await countRows()).toEqual({ learners: 0, progress: 0, attempts: 0, feedback: 0 });
  });

  it("keeps learners apart", async () => {
    const a = LEARNER;
    await POST(request("/api/progress", { body: { chapterId: DROPOUT, revision: revision() }, learner: a }));
    const b = "2b0c4a3e-7d4f-4f5e-9a51-0d3c0e9f1a22";
    expect((await (await GET(request("/api/progress", { learner: b }))).json()).chapters).toEqual([]);
    expect((await (await GET(request("/api/progress", { learner: a }))).json()).chapters).toHaveLength(1);
  });

  const bad: [string, Parameters<typeof request>[1], number, RegExp][] = [
    ["wrong content type", { rawBody: "chapterId=x", contentType: "application/x-www-form-urlencoded" }, 415, /JSON/],
    ["invalid JSON", { rawBody: "{not json" }, 400, /not valid JSON/],
    ["wrong types", { body: { chapterId: 42, revision: true } }, 400, /chapterId.*revision/],
    ["missing field", { body: { chapterId: DROPOUT } }, 400, /revision/],
    ["extra field", { body: { chapterId: DROPOUT, revision: "0123456789ab", admin: true } }, 400, /admin/],
    ["unknown chapter", { body: { chapterId: "no-such/course/chapter", revision: "0123456789ab" } }, 404, /Unknown chapter/],
    ["stale revision", { body: { chapterId: DROPOUT, revision: "0123456789ab" } }, 409, /updated since you opened it/],
    ["huge body", { rawBody: JSON.stringify({ chapterId: DROPOUT, revision: "x".repeat(20_000) }) }, 413, /larger than/],
    ["malformed cookie", { body: { chapterId: DROPOUT, revision: "REV" }, rawLearner: "not-a-uuid" }, 400, /learner cookie/],
    ["forged cookie (an unsigned UUID)", { body: { chapterId: DROPOUT, revision: "REV" }, rawLearner: LEARNER }, 400, /learner cookie/],
  ];

  it.each(bad)("rejects %s with a clear %s-ish error and stores nothing", async (_name, options, status, message) => {
    const body = options!.body as { revision?: string } | undefined;
    if (body?.revision === "REV") body.revision = revision();
    const response = await POST(request("/api/progress", { learner: LEARNER, ...options }));
    expect(response.status).toBe(status);
    expect((await response.json()).error).toMatch(message);
    expect(await countRows()).toEqual({ learners: 0, progress: 0, attempts: 0, feedback: 0 });
  });

  it("clears a malformed cookie so the next write starts fresh", async () => {
    const response = await POST(request("/api/progress", { body: { chapterId: DROPOUT, revision: revision() }, rawLearner: "garbage" }));
    expect(learnerCookieOf(response).header).toMatch(/lbr_learner=;.*Max-Age=0/i);
  });
});

describe("POST /api/progress/cells", () => {
  const run = (cellId: string, learner = LEARNER) =>
    CELLS(request("/api/progress/cells", { body: { chapterId: DROPOUT, revision: revision(), cellId }, learner }));

  it("records each cell the learner ran, once", async () => {
    const learner = LEARNER;
    await run("train-vs-eval", learner);
    await run("inverted-dropout", learner);
    const again = await run("train-vs-eval", learner);
    expect((await again.json()).cellsRun).toEqual(["inverted-dropout", "train-vs-eval"]);
    const row = await db.chapterProgress.findFirstOrThrow({ select: { cellsRun: true, readAt: true } });
    expect(JSON.parse(row.cellsRun)).toEqual(["inverted-dropout", "train-vs-eval"]);
    expect(row.readAt).toBeNull();
  });

  it.each([
    ["a bad cell id", { chapterId: DROPOUT, cellId: "../x" }, 400],
    ["an unknown chapter", { chapterId: "a/b/c", cellId: "x" }, 404],
    ["a cell id the chapter does not have (cellsRun must not grow without bound)", { chapterId: DROPOUT, cellId: "made-up-cell" }, 404],
  ])("rejects %s and stores nothing", async (_name, body, status) => {
    const response = await CELLS(request("/api/progress/cells", { body: { revision: revision(), ...body }, learner: LEARNER }));
    expect(response.status).toBe(status);
    expect(await countRows()).toEqual({ learners: 0, progress: 0, attempts: 0, feedback: 0 });
  });
});

describe("POST /api/progress/exercises", () => {
  const TRIPLING = FIXTURE_LIBRARY_CHAPTER.id;
  const tripling = () => getChapterById(TRIPLING)!.revision;
  const pass = (exerciseId: string, learner = LEARNER) =>
    EXERCISES(request("/api/progress/exercises", { body: { chapterId: TRIPLING, revision: tripling(), exerciseId }, learner }));

  it("records a passed exercise once, and the learner's progress lists it", async () => {
    expect(((await (await pass("write-triple")).json()) as { exercisesPassed: string[] }).exercisesPassed).toEqual(["write-triple"]);
    const again = await pass("write-triple");
    expect((await again.json()).exercisesPassed).toEqual(["write-triple"]);
    const row = await db.chapterProgress.findFirstOrThrow({ select: { exercisesPassed: true, cellsRun: true, readAt: true } });
    expect(row).toEqual({ exercisesPassed: '["write-triple"]', cellsRun: "[]", readAt: null });
    const listed = await (await GET(request("/api/progress", { learner: LEARNER }))).json();
    expect(listed.chapters).toEqual([
      expect.objectContaining({ chapterId: TRIPLING, exercisesPassed: ["write-triple"], quizPassed: false }),
    ]);
  });

  it("keeps cell runs and exercise passes in their own lists", async () => {
    await pass("write-triple");
    await CELLS(
      request("/api/progress/cells", { body: { chapterId: TRIPLING, revision: tripling(), cellId: "triple" }, learner: LEARNER }),
    );
    const row = await db.chapterProgress.findFirstOrThrow({ select: { exercisesPassed: true, cellsRun: true } });
    expect(row).toEqual({ exercisesPassed: '["write-triple"]', cellsRun: '["triple"]' });
  });

  it.each([
    ["a bad exercise id", { exerciseId: "../x" }, 400, /exerciseId/],
    ["an unknown chapter", { chapterId: "a/b/c", exerciseId: "x" }, 404, /Unknown chapter/],
    ["an exercise the chapter does not have", { exerciseId: "made-up" }, 404, /has no exercise "made-up"/],
    ["a cell id given as an exercise", { exerciseId: "triple" }, 404, /has no exercise "triple"/],
    ["a stale revision", { revision: "0123456789ab", exerciseId: "write-triple" }, 409, /updated since/],
    ["an extra field", { exerciseId: "write-triple", ok: true }, 400, /ok/],
  ])("rejects %s and stores nothing", async (_name, body, status, message) => {
    const response = await EXERCISES(
      request("/api/progress/exercises", { body: { chapterId: TRIPLING, revision: tripling(), ...body }, learner: LEARNER }),
    );
    expect(response.status).toBe(status);
    expect((await response.json()).error).toMatch(message);
    expect(await countRows()).toEqual({ learners: 0, progress: 0, attempts: 0, feedback: 0 });
  });
});
