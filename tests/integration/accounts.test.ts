// Accounts against a real database (SQLite; PostgreSQL in its project): a passkey account takes
// over a device's anonymous progress, a second device signs in and merges its own, sessions end
// on request, export and delete; and every forged or replayed ceremony is refused, nothing written.
import { NextRequest } from "next/server";
import { GET as ACCOUNT } from "@/app/api/account/route";
import { POST as DELETE } from "@/app/api/account/delete/route";
import { GET as EXPORT } from "@/app/api/account/export/route";
import { POST as OPTIONS } from "@/app/api/account/passkeys/options/route";
import { POST as REMOVE } from "@/app/api/account/passkeys/remove/route";
import { POST as VERIFY } from "@/app/api/account/passkeys/verify/route";
import { POST as SIGN_OUT } from "@/app/api/account/sign-out/route";
import { POST as FEEDBACK } from "@/app/api/feedback/route";
import { POST as EXERCISES } from "@/app/api/progress/exercises/route";
import { GET as PROGRESS, POST as MARK_READ } from "@/app/api/progress/route";
import { POST as ANSWER } from "@/app/api/quiz/attempts/route";
import { GET as QUIZ_STATE } from "@/app/api/quiz/state/route";
import type { AccountView } from "@/lib/accounts/schema";
import { getChapterById } from "@/lib/content/course.server";
import { partsOf } from "@/lib/content/parts.server";
import { choiceView } from "@/lib/quiz/order";
import { getQuiz, type LoadedChoiceQuestion } from "@/lib/quiz/quiz.server";
import { db, resetDb } from "../support/db";
import { FIXTURE_STATEMENTS_CHAPTER } from "../support/content-dirs";
import { TEST_LEARNER_SECRET } from "../support/requests";
import { SoftAuthenticator } from "../support/soft-authenticator";

const ORIGIN = "http://localhost:3000";
const DROPOUT = getChapterById("optimization-regularization/regularization-techniques/dropout")!;
const STATEMENTS = getChapterById(FIXTURE_STATEMENTS_CHAPTER.id)!;

type Handler = (request: NextRequest) => Promise<Response>;

/** A browser: its cookies, and its authenticator. */
class Device {
  cookies = new Map<string, string>();
  authenticator = new SoftAuthenticator();
  constructor(readonly ip: string) {}

  async call(handler: Handler, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const h = new Headers({
      "x-forwarded-for": this.ip,
      "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36",
      ...headers,
    });
    if (body !== undefined) h.set("content-type", "application/json");
    if (this.cookies.size) h.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await handler(
      new NextRequest(new URL(path, ORIGIN), {
        method: body === undefined ? "GET" : "POST",
        headers: h,
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const [name = "", value = ""] = pair.split("=");
      if (/max-age=0/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
  json = async <T>(handler: Handler, path: string, body?: unknown) => (await (await this.call(handler, path, body)).json()) as T;

  /** A full ceremony with this device's authenticator; `tamper` makes it misbehave. */
  async ceremony(purpose: "create" | "sign-in" | "add", extra: Record<string, unknown> = {}, tamper: Record<string, unknown> = {}) {
    const { options } = await this.json<{ options: never }>(OPTIONS, "/api/account/passkeys/options", { purpose });
    const response =
      purpose === "sign-in"
        ? this.authenticator.authenticate(options, ORIGIN, tamper)
        : this.authenticator.register(options, ORIGIN, tamper);
    return this.call(VERIFY, "/api/account/passkeys/verify", { purpose, response, ...extra });
  }
  account = () => this.json<AccountView>(ACCOUNT, "/api/account");
}

/** A device's anonymous learning: Dropout marked read, one statements question answered right or wrong. */
async function learnAnonymously(device: Device, { quizRight }: { quizRight: boolean }) {
  await device.call(PROGRESS, "/api/progress"); // the anonymous cookie
  const anonymous = device.cookies.get("lbr_learner")!.split(".")[0]!;
  expect((await device.call(MARK_READ, "/api/progress", { chapterId: DROPOUT.id, revision: DROPOUT.revision })).status).toBe(200);
  const quiz = getQuiz(STATEMENTS)!;
  const question = quiz.questions.find((q) => q.id === "rate-arithmetic") as LoadedChoiceQuestion;
  const at = { learnerId: anonymous, quizRevision: quiz.quizRevision, questionId: question.id, round: 1 };
  const view = choiceView(
    Buffer.from(TEST_LEARNER_SECRET, "utf8"),
    at,
    question.choices.map((c) => c.id),
    question.shuffle,
  );
  const pick = question.choices.find((c) => c.correct === quizRight)!.id;
  const answer = await device.call(ANSWER, "/api/quiz/attempts", {
    chapterId: STATEMENTS.id,
    questionId: question.id,
    quizRevision: quiz.quizRevision,
    round: 1,
    selected: [view.publicId.get(pick)],
  });
  expect(answer.status).toBe(200);
  return anonymous;
}

jest.setTimeout(60_000);
beforeEach(resetDb);
afterAll(() => db.$disconnect());

it("creates an account from a device's progress, signs in on a second device and merges its progress", async () => {
  const a = new Device("10.90.0.1");
  const anonA = await learnAnonymously(a, { quizRight: false });
  const exercise = (await partsOf(DROPOUT)).exercises[0]!;
  expect(
    (await a.call(EXERCISES, "/api/progress/exercises", { chapterId: DROPOUT.id, revision: DROPOUT.revision, exerciseId: exercise.id }))
      .status,
  ).toBe(200);
  expect(
    (await a.call(FEEDBACK, "/api/feedback", { chapterId: DROPOUT.id, revision: DROPOUT.revision, vote: "no", comment: "from A" })).status,
  ).toBe(200);

  expect((await a.ceremony("create", { name: "Ada" })).status).toBe(200);
  const view = await a.account();
  expect(view.account).toMatchObject({
    name: "Ada",
    author: false,
    passkeys: [{ name: "Chrome on Linux" }],
    sessions: [{ current: true }],
  });
  const [account] = await db.learner.findMany({ where: { accountCreatedAt: { not: null } }, select: { id: true } });
  expect(await db.learner.count({ where: { id: anonA } })).toBe(0); // moved, not copied
  const progressA = await db.chapterProgress.findMany({ where: { learnerId: account!.id }, orderBy: { chapterId: "asc" } });
  expect(progressA.map((p) => p.chapterId).sort()).toEqual([DROPOUT.id, STATEMENTS.id].sort());
  expect(JSON.parse(progressA.find((p) => p.chapterId === DROPOUT.id)!.exercisesPassed)).toEqual([exercise.id]);
  expect(await db.feedback.count({ where: { learnerId: account!.id } })).toBe(1);

  // Device B learned the statements quiz better; signing in merges: B's quiz round, every pass, A's feedback.
  const b = new Device("10.90.0.2");
  b.authenticator = a.authenticator; // the same (synced) passkey
  const anonB = await learnAnonymously(b, { quizRight: true });
  expect((await b.ceremony("sign-in")).status).toBe(200);
  expect(await db.learner.count({ where: { id: anonB } })).toBe(0);
  expect(b.cookies.get("lbr_learner")!.split(".")[0]).not.toBe(anonB); // the merged id is never used again
  const statements = await db.chapterProgress.findUniqueOrThrow({
    where: { learnerId_chapterId: { learnerId: account!.id, chapterId: STATEMENTS.id } },
  });
  expect(statements.quizBestScore).toBeGreaterThan(0);
  expect(statements.drawKey).toBe(anonB); // the round B was drawn keeps its questions and order
  expect(await db.quizAttempt.count({ where: { learnerId: account!.id, chapterId: STATEMENTS.id } })).toBeGreaterThan(0);
  // B sees the account's state: its quiz round as B left it, A's read mark.
  const stateB = await b.json<{ progress: { bestScore: number } }>(
    QUIZ_STATE,
    `/api/quiz/state?chapterId=${encodeURIComponent(STATEMENTS.id)}`,
  );
  expect(stateB.progress.bestScore).toBe(statements.quizBestScore);
  expect((await b.account()).account!.sessions).toHaveLength(2);

  // A second passkey on B; the only passkey cannot be removed; a second one can.
  const onlyOne = (await a.account()).account!.passkeys[0]!.id;
  expect((await a.call(REMOVE, "/api/account/passkeys/remove", { id: onlyOne })).status).toBe(409);
  b.authenticator = new SoftAuthenticator();
  expect((await b.ceremony("add")).status).toBe(200);
  expect((await a.account()).account!.passkeys).toHaveLength(2);

  // Sign out everywhere (from B) ends A's session too; both devices are anonymous again, with fresh learners.
  const signOut = await b.call(SIGN_OUT, "/api/account/sign-out", { session: "all" });
  expect(signOut.status).toBe(200);
  expect(await a.account()).toEqual({ signedIn: false, account: null });
  expect(await b.account()).toEqual({ signedIn: false, account: null });
  expect(await db.session.count()).toBe(0);
  expect(b.cookies.get("lbr_learner")!.split(".")[0]).not.toBe(anonB);
  // Sign back in on A with B's new passkey.
  a.authenticator = b.authenticator;
  expect((await a.ceremony("sign-in")).status).toBe(200);
  expect((await a.account()).account!.name).toBe("Ada");
});

it("exports everything stored about the account, and after deleting it nothing about the learner remains in any table", async () => {
  const a = new Device("10.90.0.3");
  const anonA = await learnAnonymously(a, { quizRight: true });
  expect((await a.call(FEEDBACK, "/api/feedback", { chapterId: DROPOUT.id, revision: DROPOUT.revision, vote: "yes" })).status).toBe(200);
  expect((await a.ceremony("create", { name: "Grace" })).status).toBe(200);
  const b = new Device("10.90.0.4");
  b.authenticator = a.authenticator;
  const anonB = await learnAnonymously(b, { quizRight: false });
  expect((await b.ceremony("sign-in")).status).toBe(200);
  const account = (await db.learner.findFirstOrThrow({ where: { accountName: "Grace" }, select: { id: true } })).id;

  const exported = await a.call(EXPORT, "/api/account/export");
  expect(exported.headers.get("content-disposition")).toMatch(/attachment; filename="learn-by-running-account-/);
  const data = (await exported.json()) as Record<string, unknown[]> & { accountName: string };
  expect(data.accountName).toBe("Grace");
  expect(data.progress!.length).toBe(2);
  expect(data.attempts!.length).toBeGreaterThan(0);
  expect(data.feedback).toHaveLength(1);
  expect(data.passkeys).toHaveLength(1);
  expect(data.sessions).toHaveLength(2);
  expect(JSON.stringify(data)).not.toMatch(/publicKey/);

  expect((await a.call(DELETE, "/api/account/delete", { confirm: "yes" })).status).toBe(400);
  expect((await a.call(DELETE, "/api/account/delete", { confirm: "delete my account" })).status).toBe(200);
  expect(await a.account()).toEqual({ signedIn: false, account: null });
  expect(await b.account()).toEqual({ signedIn: false, account: null });
  // Every row of every table, as text: none names the account or the device learners it absorbed.
  const tables = await tableNames();
  for (const table of tables) {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`);
    const text = JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));
    for (const id of [account, anonA, anonB]) expect({ table, found: text.includes(id) }).toEqual({ table, found: false });
  }
});

async function tableNames(): Promise<string[]> {
  if (process.env.DATABASE_PROVIDER === "postgresql") {
    const rows = await db.$queryRawUnsafe<{ name: string }[]>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    );
    return rows.map((r) => r.name);
  }
  const rows = await db.$queryRawUnsafe<{ name: string }[]>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  );
  return rows.map((r) => r.name);
}

describe("refused, with nothing written", () => {
  let owner: Device;
  beforeEach(async () => {
    owner = new Device("10.91.0.1");
    await owner.call(PROGRESS, "/api/progress");
    expect((await owner.ceremony("create", { name: "Owner" })).status).toBe(200);
    await owner.call(SIGN_OUT, "/api/account/sign-out", { session: "this" });
  });
  const snapshot = async () => ({
    sessions: await db.session.count(),
    passkeys: await db.passkey.findMany({ select: { id: true, counter: true } }),
    learners: await db.learner.count(),
  });

  it.each([
    ["an assertion signed by another key", { forgeSignature: true }],
    ["an assertion made for another origin", { origin: "https://evil.example" }],
    ["an assertion made for another RP ID", { rpId: "evil.example" }],
    ["an assertion answering another challenge", { challenge: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }],
  ])("%s", async (_name, tamper) => {
    const before = await snapshot();
    const response = await owner.ceremony("sign-in", {}, tamper);
    expect(response.status).toBe(401);
    expect(await snapshot()).toEqual(before);
    expect(owner.cookies.has("lbr_session")).toBe(false);
  });

  it("a signature counter that went backwards", async () => {
    expect((await owner.ceremony("sign-in")).status).toBe(200); // counter 2
    await owner.call(SIGN_OUT, "/api/account/sign-out", { session: "this" });
    const before = await snapshot();
    expect((await owner.ceremony("sign-in", {}, { counter: 1 })).status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it("a challenge used twice", async () => {
    const { options } = await owner.json<{ options: never }>(OPTIONS, "/api/account/passkeys/options", { purpose: "sign-in" });
    const ceremony = owner.cookies.get("lbr_ceremony")!;
    const response = owner.authenticator.authenticate(options, ORIGIN);
    expect((await owner.call(VERIFY, "/api/account/passkeys/verify", { purpose: "sign-in", response })).status).toBe(200);
    await owner.call(SIGN_OUT, "/api/account/sign-out", { session: "this" });
    const before = await snapshot();
    owner.cookies.set("lbr_ceremony", ceremony); // the replayed request, cookie and all
    expect((await owner.call(VERIFY, "/api/account/passkeys/verify", { purpose: "sign-in", response })).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it("a challenge issued to another browser", async () => {
    const other = new Device("10.91.0.2");
    other.authenticator = owner.authenticator;
    const { options } = await owner.json<{ options: never }>(OPTIONS, "/api/account/passkeys/options", { purpose: "sign-in" });
    await other.json(OPTIONS, "/api/account/passkeys/options", { purpose: "sign-in" }); // its own ceremony
    const before = await snapshot();
    const response = owner.authenticator.authenticate(options, ORIGIN);
    expect((await other.call(VERIFY, "/api/account/passkeys/verify", { purpose: "sign-in", response })).status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it("a write from another site, a bad purpose, a huge body, an unknown passkey", async () => {
    const before = await snapshot();
    expect(
      (await owner.call(OPTIONS, "/api/account/passkeys/options", { purpose: "sign-in" }, { origin: "https://evil.example" })).status,
    ).toBe(403);
    expect((await owner.call(OPTIONS, "/api/account/passkeys/options", { purpose: "admin" })).status).toBe(400);
    const huge = await owner.call(VERIFY, "/api/account/passkeys/verify", { purpose: "sign-in", response: { id: "x".repeat(40_000) } });
    expect(huge.status).toBe(413);
    const stranger = new Device("10.91.0.3");
    await stranger.authenticator.register({ challenge: "AA", rp: { id: "localhost" }, user: { id: "AA" } }, ORIGIN);
    expect((await stranger.ceremony("sign-in")).status).toBe(401);
    expect((await owner.call(SIGN_OUT, "/api/account/sign-out", { session: "all" })).status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });
});
