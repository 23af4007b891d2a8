// Ask AI against a real database: course-text answers, "not covered", the model path against a
// local OpenAI-compatible server (streaming, hang, 500), validation and rate limits.
import { z } from "zod";
import { GET, POST } from "@/app/api/ask/route";
import { getChapterById } from "@/lib/content/course.server";
import { resetEnvForTests } from "@/lib/env.server";
import { countRows, db, resetDb } from "../support/db";
import { startFakeModel } from "../support/fake-model";
import { request } from "../support/requests";

const CHAPTER = "optimization-regularization/regularization-techniques/dropout";
const revision = getChapterById(CHAPTER)!.revision;
const SECRET_KEY = "sk-test-secret-key-do-not-leak";
let ip = 0;

type Event = { type: string; [k: string]: unknown };

const partSchema = z.object({ heading: z.string(), href: z.string(), quotes: z.array(z.string()), html: z.array(z.string()) });
/** The stream's course answer: at least one quoted section (parsing fails the test otherwise). */
const courseAnswerSchema = z.object({ type: z.literal("course-answer"), parts: z.tuple([partSchema], partSchema) });
const courseParts = (events: Event[]) => courseAnswerSchema.parse(events.find((e) => e.type === "course-answer")).parts;

/** Posts a question and reads the streamed events, noting when each line arrived. */
async function ask(body: Record<string, unknown>, learner = `00000000-0000-4000-8000-${String(ip + 1).padStart(12, "0")}`) {
  const response = await POST(
    request("/api/ask", { body: { chapterId: CHAPTER, revision, ...body }, learner, headers: { "x-forwarded-for": `10.7.0.${++ip}` } }),
  );
  if (response.status !== 200)
    return {
      status: response.status,
      error: ((await response.json()) as { error: string }).error,
      events: [] as (Event & { at: number })[],
      raw: "",
    };
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: (Event & { at: number })[] = [];
  let buffer = "";
  let raw = "";
  const t0 = performance.now();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    raw += value;
    buffer += value;
    const lines = buffer.split("\n");
    buffer = lines.pop()!;
    for (const line of lines) if (line) events.push({ ...(JSON.parse(line) as Event), at: performance.now() - t0 });
  }
  return { status: 200, events, raw, error: undefined };
}

beforeEach(resetDb);
afterAll(() => db.$disconnect());

describe("without a model (the default)", () => {
  beforeAll(() => {
    delete process.env.ASK_MODEL_BASE_URL;
    resetEnvForTests();
  });

  it("says answers come from the course text", async () => {
    expect(await (await GET()).json()).toEqual({ mode: "course" });
  });

  it("answers from the course with quoted sentences and links to sections, and records the question", async () => {
    const { events } = await ask({ question: "How do I choose the right dropout probability for my model?" });
    expect(events.map((e) => e.type)).toEqual(["meta", "course-answer", "done"]);
    expect(events[0]).toMatchObject({ mode: "course" });
    const [first] = courseParts(events);
    expect(first.heading).toBe("Choosing the dropout rate");
    expect(first.href).toBe(`/courses/${CHAPTER}#choosing-the-dropout-rate`);
    expect(first.quotes.join(" ")).toMatch(/0\.5/);
    expect(first.html).toHaveLength(first.quotes.length);
    const stored = await db.askQuestion.findMany({
      select: { chapterId: true, revision: true, question: true, answeredBy: true, withCode: true },
    });
    expect(stored).toEqual([
      {
        chapterId: CHAPTER,
        revision,
        question: "How do I choose the right dropout probability for my model?",
        answeredBy: "course",
        withCode: false,
      },
    ]);
  });

  it("sends quoted math typeset by KaTeX, not flattened to text", async () => {
    const { events } = await ask({ question: "What is the variance of a unit after dropout?" });
    const [first] = courseParts(events);
    const html = first.html.join("\n");
    expect(html).toContain('<span class="katex">');
    // The TeX source travels inside KaTeX's MathML annotation; the plain quote has no TeX commands.
    expect(html).toContain("\\operatorname{Var}");
    expect(first.quotes.join(" ")).not.toContain("\\operatorname");
  });

  it('answers a tfjs shape error attached with "Ask AI about this error" from the course\'s help on errors', async () => {
    const { events } = await ask({
      question: "Why does this code fail, and how do I fix it?",
      attachment: {
        cellTitle: "Train mode vs eval mode",
        code: "tf.matMul(a, b)",
        error:
          "Line 3:1: Error: Error in matMul: inner shapes (3) and (4) of Tensors with shapes 2,3 and 4,5 and transposeA=false and transposeB=false must match.",
      },
    });
    const [first] = courseParts(events);
    expect(first.heading).toBe("When a cell fails: four common TensorFlow.js errors");
    expect(first.quotes.join(" ")).toMatch(/matMul/);
  });

  it("counts a question it cannot answer with confidence as not covered", async () => {
    const { events } = await ask({ question: "How does a generative adversarial network train its discriminator?" });
    expect(events.map((e) => e.type)).toEqual(["meta", "not-covered", "done"]);
    expect((await db.askQuestion.findFirstOrThrow()).answeredBy).toBe("not-covered");
  });

  it("says when the course does not cover a question, and suggests what it can answer", async () => {
    const { events } = await ask({ question: "What is the capital of France?" });
    expect(events.map((e) => e.type)).toEqual(["meta", "not-covered", "done"]);
    expect(events[1]?.suggestions).toEqual(getChapterById(CHAPTER)!.prompts);
    expect((await db.askQuestion.findFirstOrThrow()).answeredBy).toBe("not-covered");
  });

  it("uses an attached cell error to find the passage", async () => {
    const { events } = await ask({
      question: "Why does my code fail?",
      attachment: {
        cellTitle: "Exercise",
        code: "model.predict(x)",
        error: "dropout rate must be a number in [0, 1) — the probability of dropping a unit — but got 1.5",
      },
    });
    expect(events[1]?.type).toBe("course-answer");
    expect((await db.askQuestion.findFirstOrThrow()).withCode).toBe(true);
  });
});

describe("with a model", () => {
  let model: Awaited<ReturnType<typeof startFakeModel>>;
  beforeAll(async () => {
    model = await startFakeModel(["Dropout ", "zeroes units ", "with probability p ", "[The mechanism]."], 60);
    process.env.ASK_MODEL_BASE_URL = model.baseUrl;
    process.env.ASK_MODEL_NAME = "tiny-test-model";
    process.env.ASK_MODEL_API_KEY = SECRET_KEY;
    process.env.ASK_MODEL_TIMEOUT_MS = "800";
    resetEnvForTests();
  });
  afterAll(async () => {
    for (const k of ["ASK_MODEL_BASE_URL", "ASK_MODEL_NAME", "ASK_MODEL_API_KEY", "ASK_MODEL_TIMEOUT_MS"]) delete process.env[k];
    resetEnvForTests();
    await model.close();
  });
  beforeEach(() => model.setMode("stream"));

  it("tells the browser the model's name only", async () => {
    const text = await (await GET()).text();
    expect(JSON.parse(text)).toEqual({ mode: "model", model: "tiny-test-model" });
    expect(text).not.toContain(SECRET_KEY);
    expect(text).not.toContain("127.0.0.1");
  });

  it("streams the model's answer piece by piece, grounded in the retrieved passages", async () => {
    const { events, raw } = await ask({ question: "Why are the kept units scaled by 1/(1-p)?" });
    expect(events.map((e) => e.type)).toEqual(["meta", "delta", "delta", "delta", "delta", "done"]);
    expect(
      events
        .filter((e) => e.type === "delta")
        .map((e) => e.text)
        .join(""),
    ).toBe("Dropout zeroes units with probability p [The mechanism].");
    // Streamed: the first piece arrived well before the last.
    const deltaTimes = events.filter((e) => e.type === "delta").map((e) => e.at);
    expect(Math.max(...deltaTimes) - Math.min(...deltaTimes)).toBeGreaterThan(100);
    // The model was asked with our key, the question and the course passages.
    const call = model.seen.at(-1)!;
    expect(call.authorization).toBe(`Bearer ${SECRET_KEY}`);
    expect(call.body).toMatchObject({ model: "tiny-test-model", stream: true });
    const [system, user] = call.body.messages;
    expect(system?.content).toContain("[The mechanism]");
    expect(user?.content).toBe("Why are the kept units scaled by 1/(1-p)?");
    expect(raw).not.toContain(SECRET_KEY);
    expect((await db.askQuestion.findFirstOrThrow()).answeredBy).toBe("model");
  });

  it.each([
    ["hangs", "hang", /not available right now/],
    ["answers 500", "error", /not available right now/],
    ["stops mid-answer", "stall-after-first", /stopped answering/],
  ] as const)("falls back to the course answer when the model %s", async (_name, mode, notice) => {
    model.setMode(mode);
    const { events, raw } = await ask({ question: "What is inverted dropout?" });
    const types = events.map((e) => e.type);
    expect(types.slice(-3)).toEqual(["notice", "course-answer", "done"]);
    expect(events.find((e) => e.type === "notice")!.text).toMatch(notice);
    expect(raw).not.toContain(SECRET_KEY);
    expect((await db.askQuestion.findFirstOrThrow()).answeredBy).toBe("fallback");
  });
});

describe("refused without storing anything", () => {
  it.each<[string, Record<string, unknown>, number, RegExp]>([
    ["an empty question", { question: "  " }, 400, /question/],
    ["a 1,001-character question", { question: "x".repeat(1001) }, 400, /at most 1,000 characters/],
    [
      "20,001 characters of code",
      { question: "why?", attachment: { cellTitle: "c", code: "x".repeat(20_001), error: "e" } },
      400,
      /at most 20,000 characters/,
    ],
    ["an unknown chapter", { question: "what is dropout?", chapterId: "a/b/c" }, 404, /Unknown chapter/],
    ["a stale revision", { question: "what is dropout?", revision: "0123456789ab" }, 409, /updated/],
    ["an extra field", { question: "what is dropout?", model: "gpt" }, 400, /model/],
  ])("%s", async (_name, body, status, message) => {
    const result = await ask(body);
    expect(result.status).toBe(status);
    expect(result.error).toMatch(message);
    expect(await countRows()).toEqual({ learners: 0, progress: 0, attempts: 0, feedback: 0 });
  });

  it("rate-limits questions per learner with a clear 429", async () => {
    const learner = "12345678-1234-4234-8234-123456789abc";
    for (let i = 0; i < 10; i++) expect((await ask({ question: "what is dropout?" }, learner)).status).toBe(200);
    const before = await db.askQuestion.count();
    const limited = await ask({ question: "what is dropout?" }, learner);
    expect(limited.status).toBe(429);
    expect(limited.error).toMatch(/Too many questions/);
    expect(await db.askQuestion.count()).toBe(before);
  });
});
