// System tests: real app processes (the production build through scripts/serve.mjs) on loopback
// ports, a fresh migrated database each (SQLite file, or a new database on the PostgreSQL server
// of DATABASE_URL), and helpers to drive them.
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { signLearnerId } from "@/lib/learner/sign";
import { defined } from "@/lib/invariant";
import { choiceView } from "@/lib/quiz/order";
import { loadQuiz, type LoadedChoiceQuestion } from "@/lib/quiz/quiz.server";
import { FIXTURE_CONTENT_DIR, FIXTURE_STATEMENTS_CHAPTER } from "../support/content-dirs";
import { freePort } from "../support/free-port";
import { ROOT } from "../support/paths";
import { captured } from "../support/text";

/** The learner key the apps these tests start sign with, so tests can act as many learners. */
const LEARNER_SECRET = "system-test-learner-secret-0123456789abcdef";
const learnerKey = Buffer.from(LEARNER_SECRET, "utf8");
/** The cookie the app would have issued to `id`. */
export const learnerCookie = (id: string) => `lbr_learner=${signLearnerId(learnerKey, id)}`;

export const POSTGRES = process.env.DATABASE_PROVIDER === "postgresql";
export const CHAPTER = "optimization-regularization/regularization-techniques/dropout";

export { freePort };

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 200 ms until it returns true or `timeoutMs` passes (then throws `what`). */
export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return;
    await sleep(200);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

const scratchDirs: string[] = [];
/** A scratch folder, removed by stopAll(). */
export const scratchDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lbr-system-"));
  scratchDirs.push(dir);
  return dir;
};

/** A fresh, migrated database: SQLite in `dir`, or a new database on the server of `serverUrl`. */
export async function freshDatabase(
  dir: string,
  serverUrl = process.env.DATABASE_URL,
  { migrated = true } = {},
): Promise<{ provider: "sqlite" | "postgresql"; url: string }> {
  if (!POSTGRES) {
    const url = `file:${path.join(dir, "app.db")}`;
    if (migrated) migrate({ DATABASE_PROVIDER: "sqlite", DATABASE_URL: url });
    return { provider: "sqlite", url };
  }
  if (!serverUrl) throw new Error("DATABASE_URL (a PostgreSQL server) is required for the PostgreSQL system tests");
  const name = `sys_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const { Client } = await import("pg");
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  if (migrated) migrate({ DATABASE_PROVIDER: "postgresql", DATABASE_URL: url.toString() });
  return { provider: "postgresql", url: url.toString() };
}

function migrate(env: Record<string, string>) {
  execFileSync(process.execPath, ["scripts/migrate.mjs", "deploy"], { cwd: ROOT, env: { ...process.env, ...env }, stdio: "pipe" });
}

/** `migrate.mjs deploy` as `npm start` runs it, without blocking the test (other processes keep serving). */
export function deploy(database: { provider: string; url: string }): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["scripts/migrate.mjs", "deploy"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PROVIDER: database.provider, DATABASE_URL: database.url },
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => fs.existsSync(p));
const proxies: ChildProcess[] = [];

/** deploy/nginx.conf in front of two app ports (only its ports changed); stopped by stopAll(). */
export async function startProxy(appPorts: [number, number]): Promise<string> {
  if (!NGINX) throw new Error("nginx is not installed (Debian: apt-get install -y nginx-light); .ci/run installs it");
  const dir = scratchDir();
  const listen = await freePort();
  const shipped = fs.readFileSync(path.join(ROOT, "deploy/nginx.conf"), "utf8");
  const config = shipped
    .replace("server 127.0.0.1:3001 ", `server 127.0.0.1:${appPorts[0]} `)
    .replace("server 127.0.0.1:3002 ", `server 127.0.0.1:${appPorts[1]} `)
    .replace("listen 127.0.0.1:8080;", `listen 127.0.0.1:${listen};`)
    .replace("worker_processes auto;", "worker_processes 1;\nuser root;"); // root-owned scratch dir in tests
  if (config === shipped) throw new Error("deploy/nginx.conf changed shape: the test cannot set its ports");
  fs.mkdirSync(path.join(dir, "tmp"), { recursive: true });
  const conf = path.join(dir, "nginx.conf");
  fs.writeFileSync(conf, config);
  const check = spawnSync(NGINX, ["-t", "-p", dir, "-c", conf], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`nginx -t failed: ${check.stderr}`);
  proxies.push(spawn(NGINX, ["-p", dir, "-c", conf, "-g", "daemon off;"], { stdio: "ignore" }));
  const proxy = `http://127.0.0.1:${listen}`;
  await waitUntil("nginx answering", async () => (await fetch(`${proxy}/api/health`)).ok, 30_000);
  return proxy;
}

/** The port an app listens on. */
export const portOf = (app: App) => Number(new URL(app.baseURL).port);

export type App = {
  baseURL: string;
  child: ChildProcess;
  logFile: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** JSON log lines written so far. */
  logs(): Record<string, unknown>[];
  kill(signal?: NodeJS.Signals): void;
};

const started: App[] = [];

/** Starts `node scripts/serve.mjs` on a free loopback port and waits until /api/health answers. */
export async function startApp(
  database: { provider: string; url: string },
  extraEnv: Record<string, string> = {},
  port?: number,
): Promise<App> {
  if (!fs.existsSync(path.join(ROOT, ".next/BUILD_ID")))
    throw new Error("No production build: run through `npm test`, which builds first.");
  port ??= await freePort();
  const logFile = path.join(scratchDir(), "app.log");
  const out = fs.openSync(logFile, "w");
  const child = spawn(process.execPath, [path.join(ROOT, "scripts/serve.mjs")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      LEARNER_SECRET,
      DATABASE_PROVIDER: database.provider,
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      ...extraEnv,
    },
    stdio: ["ignore", out, out],
    detached: true,
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const app: App = {
    baseURL: `http://127.0.0.1:${port}`,
    child,
    logFile,
    exited,
    logs: () =>
      fs
        .readFileSync(logFile, "utf8")
        .split("\n")
        .flatMap((line) => {
          try {
            return line.startsWith("{") ? [JSON.parse(line) as Record<string, unknown>] : [];
          } catch {
            return [];
          }
        }),
    kill(signal = "SIGTERM") {
      try {
        process.kill(child.pid!, signal);
      } catch {
        // already gone
      }
    },
  };
  started.push(app);
  let ready = false;
  const log = () => fs.readFileSync(logFile, "utf8").slice(-2000);
  await Promise.race([
    waitUntil(`${app.baseURL}/api/health (log: ${logFile})`, async () => (await fetch(`${app.baseURL}/api/health`)).ok, 90_000).catch(
      (e: Error) => {
        throw new Error(`${e.message}\n${log()}`);
      },
    ),
    exited.then(() => {
      if (!ready) throw new Error(`app exited at start:\n${log()}`);
    }),
  ]);
  ready = true;
  return app;
}

/** Stops every app this test file started (the whole process group: a cluster's workers too). */
export async function stopAll() {
  for (const proxy of proxies.splice(0)) proxy.kill("SIGTERM");
  for (const app of started.splice(0)) {
    if (app.child.exitCode !== null || app.child.signalCode !== null) continue;
    try {
      process.kill(-app.child.pid!, "SIGKILL");
    } catch {
      // gone
    }
    await Promise.race([app.exited, sleep(5_000)]);
  }
  for (const dir of scratchDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** The fixture chapter whose quiz is a fixed list (every learner answers the same questions). */
export const QUIZ_CHAPTER = FIXTURE_STATEMENTS_CHAPTER.id;

/**
 * The Dropout chapter's revision (feedback), the fixture quiz's revision and its dropout-statements
 * question (authoring ids: tests map them per learner).
 */
export async function quizInfo(baseURL: string) {
  const state = (await (await fetch(`${baseURL}/api/quiz/state?chapterId=${encodeURIComponent(QUIZ_CHAPTER)}`)).json()) as {
    quizRevision: string;
  };
  const html = await (await fetch(`${baseURL}/courses/${CHAPTER}`)).text();
  const chapterRevision = captured(/data-revision="([0-9a-f]{12})"/, html);
  const quiz = loadQuiz({ id: QUIZ_CHAPTER, file: path.join(ROOT, FIXTURE_CONTENT_DIR, `courses/${QUIZ_CHAPTER}.mdx`) })!;
  const question = quiz.questions.find((q): q is LoadedChoiceQuestion => q.id === "dropout-statements" && q.kind === "choice")!;
  return { quizRevision: state.quizRevision, chapterRevision, question };
}

/** One quiz submission by a brand-new learner (its id returned, to find the stored row). */
export function quizSubmission(baseURL: string, quiz: Awaited<ReturnType<typeof quizInfo>>) {
  const learner = randomUUID();
  const at = { learnerId: learner, quizRevision: quiz.quizRevision, questionId: quiz.question.id, round: 1 };
  const view = choiceView(
    learnerKey,
    at,
    quiz.question.choices.map((c) => c.id),
    quiz.question.shuffle,
  );
  return {
    learner,
    send: (signal?: AbortSignal) =>
      fetch(`${baseURL}/api/quiz/attempts`, {
        method: "POST",
        signal,
        headers: { "content-type": "application/json", cookie: learnerCookie(learner) },
        body: JSON.stringify({
          chapterId: QUIZ_CHAPTER,
          questionId: quiz.question.id,
          quizRevision: quiz.quizRevision,
          round: 1,
          selected: [view.publicId.get(defined(view.order[0], "a first choice"))],
        }),
      }),
  };
}

/** A feedback vote by a brand-new learner (a signed cookie the app would have issued). */
export function feedbackVote(baseURL: string, chapterRevision: string) {
  return fetch(`${baseURL}/api/feedback`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: learnerCookie(randomUUID()) },
    body: JSON.stringify({ chapterId: CHAPTER, revision: chapterRevision, vote: "yes" }),
  });
}

/** Runs SQL against the database directly (not through the app) and returns the rows. */
export async function query<T = Record<string, unknown>>(
  database: { provider: string; url: string },
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  if (database.provider === "postgresql") {
    const { Client } = await import("pg");
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return (
        await client.query(
          sql.replace(
            /\?/g,
            (() => {
              let i = 0;
              return () => `$${++i}`;
            })(),
          ),
          params,
        )
      ).rows as T[];
    } finally {
      await client.end();
    }
  }
  const Database = (await import("better-sqlite3")).default;
  const sqlite = new Database(database.url.replace(/^file:/, ""), { readonly: true, timeout: 10_000 });
  try {
    return sqlite.prepare(sql).all(...params) as T[];
  } finally {
    sqlite.close();
  }
}
