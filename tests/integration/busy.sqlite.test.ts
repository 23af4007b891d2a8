// Another process writing to the same SQLite file: a write that meets its lock waits (without
// freezing this process) and goes through once the lock is released; past ~5 s it is a 503.
import Database from "better-sqlite3";
import { POST } from "@/app/api/feedback/route";
import { getChapterById } from "@/lib/content/course.server";
import { sqliteFile } from "@/lib/db.server";
import { db, resetDb } from "../support/db";
import { request } from "../support/requests";

const CHAPTER = "optimization-regularization/regularization-techniques/dropout";
const revision = getChapterById(CHAPTER)!.revision;
const vote = (ip: string) =>
  POST(
    request("/api/feedback", {
      body: { chapterId: CHAPTER, revision, vote: "yes" },
      learner: "5a0c1b2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d",
      headers: { "x-forwarded-for": ip },
    }),
  );

let other: Database.Database;
// Warm: the first request loads the course and the route's modules (a second of busy event loop).
beforeAll(async () => expect((await vote("10.20.0.9")).status).toBe(200));
beforeEach(async () => {
  await resetDb();
  other = new Database(sqliteFile(process.env.DATABASE_URL!)); // "another process": its own connection
});
afterEach(() => other.close());
afterAll(() => db.$disconnect());

it("waits for another writer's lock, keeps serving meanwhile, then stores the write", async () => {
  other.prepare("BEGIN IMMEDIATE").run(); // holds the write lock
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 10);
  const pending = vote("10.20.0.1");
  await new Promise((r) => setTimeout(r, 400));
  expect(await db.feedback.count()).toBe(0); // still waiting: nothing written
  other.prepare("COMMIT").run();
  const response = await pending;
  clearInterval(ticker);
  expect(response.status).toBe(200);
  expect(await db.feedback.count()).toBe(1);
  // The event loop kept running while the write waited: a 10 ms timer fired again and again (a
  // process frozen inside SQLite's busy wait would not fire it at all; loaded machines fire it late).
  expect(ticks).toBeGreaterThanOrEqual(5);
});

it("gives up with a 503 and Retry-After when the lock is never released", async () => {
  other.prepare("BEGIN IMMEDIATE").run();
  const response = await vote("10.20.0.2");
  other.prepare("ROLLBACK").run();
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toBe("5");
  expect(await db.feedback.count()).toBe(0);
}, 30_000);
