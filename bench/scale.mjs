// Scale-out benchmark (autocannon, 64 connections): the trivial route, quiz submissions, and a
// quiz + feedback + lesson page mix, each setup measured in one run next to its trivial route.
//   node bench/scale.mjs sqlite [seconds]     one process vs WEB_CONCURRENCY=2 on one SQLite file
//   node bench/scale.mjs postgres [seconds]   two processes behind nginx (deploy/nginx.conf) on a
//                                             local PostgreSQL; needs the PostgreSQL client and build:
//                                             DATABASE_PROVIDER=postgresql npm run db:generate && npm run build
// Every acknowledged write must be a stored row. Rate limits are on (raised, so none refuses).
// @ts-check
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { ensureBuild, migrate, ROOT } from "../scripts/lib.mjs";
import { captured } from "./html.mjs";
import { mintLearners } from "./learners.mjs";
import { freePort, percentile, waitForServer } from "./server.mjs";

const require = createRequire(import.meta.url);
const MODE = process.argv[2] ?? "sqlite";
const SECONDS = Number(process.argv[3] ?? 15);
const CONNECTIONS = 64;
const CHAPTER = "optimization-regularization/regularization-techniques/dropout";
/** Learners minted per set: enough for one write each at the rates measured so far (wraps after). */
const LEARNER_POOL = Number(process.env.BENCH_LEARNERS ?? 20_000);
const HIGH_LIMITS = { RATE_LIMIT_PER_MINUTE: "10000000", QUIZ_RATE_LIMIT_PER_MINUTE: "10000000", NEW_LEARNERS_PER_MINUTE: "10000000" };
/** @type {(() => unknown)[]} */
const cleanups = [];
/** @type {string[]} */
const appLogs = [];

if (!["sqlite", "postgres"].includes(MODE)) throw new Error("usage: node bench/scale.mjs sqlite|postgres [seconds]");
const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");

// ---- where the machine's CPU went during a run (in cores: CPU seconds per second) ---------------

/** Processes of the app (serve.mjs, its cluster workers) and of the proxy and database, by role. */
/** @type {{ role: "app" | "other"; pid: number }[]} */
const watched = [];
const TICK = 100; // clock ticks per second (USER_HZ) on Linux

/** CPU seconds a process and its descendants used so far (0 once it has exited). */
function treeCpu(/** @type {number} */ pid) {
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = /** @type {number} */ (stack.pop());
    try {
      const fields = fs.readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      total += (Number(fields[11]) + Number(fields[12])) / TICK;
      const children = fs.readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim();
      if (children) stack.push(...children.split(" ").map(Number));
    } catch {
      // exited
    }
  }
  return total;
}

/** The machine's busy and total CPU seconds so far (/proc/stat), and this process's own. */
function cpuNow() {
  const [, ...ticks] = (fs.readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/).map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  const all = ticks.reduce((a, b) => a + b, 0);
  const own = process.cpuUsage();
  return {
    at: performance.now(),
    machineBusy: (all - idle) / TICK,
    tool: (own.user + own.system) / 1e6,
    app: watched.filter((w) => w.role === "app").reduce((sum, w) => sum + treeCpu(w.pid), 0),
    other: watched.filter((w) => w.role === "other").reduce((sum, w) => sum + treeCpu(w.pid), 0),
  };
}

/** @param {ReturnType<typeof cpuNow>} before */
function cpuSince(before) {
  const now = cpuNow();
  const seconds = (now.at - before.at) / 1000;
  const cores = (/** @type {number} */ a, /** @type {number} */ b) => (a - b) / seconds;
  const app = cores(now.app, before.app);
  const tool = cores(now.tool, before.tool);
  const other = cores(now.other, before.other);
  const machine = cores(now.machineBusy, before.machineBusy);
  return { app, tool, other, rest: Math.max(0, machine - app - tool - other), cores: os.cpus().length };
}

try {
  if (MODE === "sqlite") await sqliteRuns();
  else await postgresRuns();
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup();
}

async function sqliteRuns() {
  ensureBuild();
  /** @type {Record<number, Awaited<ReturnType<typeof runSet>>>} */
  const results = {};
  for (const workers of [1, 2]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-scale-"));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const database = { provider: "sqlite", url: `file:${path.join(dir, "bench.db")}` };
    migrate({ ...process.env, DATABASE_PROVIDER: "sqlite", DATABASE_URL: database.url });
    const app = await startApp(database, { WEB_CONCURRENCY: String(workers) });
    const label = workers === 1 ? "SQLite, 1 process" : "SQLite, WEB_CONCURRENCY=2";
    results[workers] = await runSet(label, app.baseURL, database);
    await app.stop();
    watched.length = 0;
    appLogs.length = 0;
  }
  const [one, two] = [results[1], results[2]];
  if (!one || !two) throw new Error("a run is missing");
  const gain = two.quiz.perSecond / one.quiz.perSecond;
  console.log(`\nWEB_CONCURRENCY=2 vs 1 process, quiz submissions: ${gain.toFixed(2)}×   target ≥ 1.6×: ${gain >= 1.6 ? "MET" : "MISSED"}`);
}

async function postgresRuns() {
  const generated = fs.readFileSync(path.join(ROOT, "generated/prisma/internal/class.ts"), "utf8");
  if (!/"activeProvider":\s*"postgresql"|activeProvider.*postgresql/.test(generated)) {
    throw new Error("The generated Prisma client is not PostgreSQL's: DATABASE_PROVIDER=postgresql npm run db:generate && npm run build");
  }
  const nginxBin = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => fs.existsSync(p));
  if (!nginxBin) throw new Error("nginx is not installed (apt-get install -y nginx-light)");
  const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-pg-"));
  const pgPort = await freePort();
  const pgScript = path.join(ROOT, "scripts/pg-server.sh");
  const serverUrl = execFileSync("bash", [pgScript, "start", pgDir, String(pgPort)], { encoding: "utf8" }).trim();
  cleanups.push(() => {
    execFileSync("bash", [pgScript, "stop", pgDir]);
    fs.rmSync(pgDir, { recursive: true, force: true });
  });
  const database = { provider: "postgresql", url: serverUrl };
  migrate({ ...process.env, DATABASE_PROVIDER: "postgresql", DATABASE_URL: serverUrl });
  const ports = [await freePort(), await freePort()];
  for (const port of ports) await startApp(database, { TRUST_PROXY: "1" }, port);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-nginx-"));
  fs.mkdirSync(path.join(dir, "tmp"));
  const listen = await freePort();
  const conf = fs
    .readFileSync(path.join(ROOT, "deploy/nginx.conf"), "utf8")
    .replace("server 127.0.0.1:3001 ", `server 127.0.0.1:${ports[0]} `)
    .replace("server 127.0.0.1:3002 ", `server 127.0.0.1:${ports[1]} `)
    .replace("listen 127.0.0.1:8080;", `listen 127.0.0.1:${listen};`)
    .replace("worker_processes auto;", "worker_processes 1;\nuser root;");
  fs.writeFileSync(path.join(dir, "nginx.conf"), conf);
  const nginx = spawn(nginxBin, ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-g", "daemon off;"], { stdio: "inherit" });
  if (nginx.pid !== undefined) watched.push({ role: "other", pid: nginx.pid });
  const postmaster = Number(fs.readFileSync(path.join(pgDir, "postmaster.pid"), "utf8").split("\n")[0]);
  if (postmaster) watched.push({ role: "other", pid: postmaster });
  cleanups.push(() => {
    nginx.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const proxy = `http://127.0.0.1:${listen}`;
  await waitForServer(`${proxy}/api/health`, 60);
  await runSet("PostgreSQL, 2 processes behind nginx (1 worker)", proxy, database);
  console.log("  (PostgreSQL runs here with fsync=off, as the test server is started; a durable server pays an fsync per commit.)");
}

/** @typedef {{ provider: string; url: string }} BenchDatabase */

/**
 * Starts scripts/serve.mjs, its JSON log (warnings and errors only) kept in a scratch file.
 * @param {BenchDatabase} database
 * @param {Record<string, string>} [extra]  more environment
 * @param {number} [port]
 */
async function startApp(database, extra = {}, port) {
  port ??= await freePort();
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-log-"));
  const logFile = path.join(logDir, "app.log");
  appLogs.push(logFile);
  const out = fs.openSync(logFile, "w");
  const child = spawn(process.execPath, [path.join(ROOT, "scripts/serve.mjs")], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...HIGH_LIMITS,
      LOG_LEVEL: "warn",
      ...extra,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_PROVIDER: database.provider,
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: "127.0.0.1",
    },
    stdio: ["ignore", out, out],
    detached: true,
  });
  const stop = async () => {
    if (child.pid === undefined) return; // never started
    try {
      process.kill(child.pid, "SIGTERM");
    } catch {
      return;
    }
    await new Promise((resolve) => child.once("exit", resolve));
  };
  if (child.pid !== undefined) watched.push({ role: "app", pid: child.pid });
  cleanups.push(() => fs.rmSync(logDir, { recursive: true, force: true }), stop);
  const baseURL = `http://127.0.0.1:${port}`;
  await waitForServer(`${baseURL}/api/health`, 60);
  return { baseURL, stop };
}

/**
 * The trivial route, quiz submissions alone, then the mix; prints figures and checks rows.
 * @param {string} label
 * @param {string} baseURL
 * @param {BenchDatabase} database
 */
async function runSet(label, baseURL, database) {
  const html = await (await fetch(`${baseURL}/courses/${CHAPTER}`)).text();
  const chapterRevision = captured(/data-revision="([0-9a-f]{12})"/, html);
  // Signed learners minted by the app (learner cookies cannot be made up): one per write.
  const learners = await mintLearners(baseURL, CHAPTER, LEARNER_POOL);
  let nextLearner = 0;
  const newLearner = () => {
    const learner = learners[nextLearner++ % learners.length];
    if (!learner) throw new Error("the app minted no learners");
    return learner;
  };

  // Each write is by a new learner, so an acknowledged write can be found in the database by id.
  /** autocannon's context object of one request: holds the learner its setupRequest picked. */
  const learnerIn = (/** @type {object} */ context) => /** @type {{ learner: string }} */ (context);
  /** @type {{ quiz: string[]; feedback: string[] }} */
  const acked = { quiz: [], feedback: [] };
  /**
   * A POST by a new learner each time, its body made for that learner; a 200 is noted in `acked`.
   * @param {string} path
   * @param {keyof typeof acked} kind
   * @param {(learner: import("./learners.mjs").Learner) => unknown} body
   * @returns {import("autocannon").Request}
   */
  const writeRequest = (path, kind, body) => ({
    method: "POST",
    path,
    setupRequest: (req, context) => {
      const learner = newLearner();
      learnerIn(context).learner = learner.id;
      return { ...req, headers: { "content-type": "application/json", cookie: learner.cookie }, body: JSON.stringify(body(learner)) };
    },
    onResponse: (status, _body, context) => status === 200 && acked[kind].push(learnerIn(context).learner),
  });
  const quizRequest = writeRequest("/api/quiz/attempts", "quiz", (learner) => {
    // The first choice question of this learner's round (rounds are drawn from the bank).
    const [questionId = "", choice = ""] = Object.entries(learner.firstChoice)[0] ?? [];
    return { chapterId: CHAPTER, questionId, quizRevision: learner.quizRevision, round: 1, selected: [choice] };
  });
  const feedbackRequest = writeRequest("/api/feedback", "feedback", () => ({ chapterId: CHAPTER, revision: chapterRevision, vote: "yes" }));
  /** @type {import("autocannon").Request} */
  const pageRequest = { method: "GET", path: `/courses/${CHAPTER}` };

  // Warm-up of every route measured (first requests load modules and compile queries), not counted.
  const { onResponse: _quiz, ...quizWarmUp } = quizRequest;
  const { onResponse: _feedback, ...feedbackWarmUp } = feedbackRequest;
  await run(baseURL, [{ method: "GET", path: "/api/health" }, quizWarmUp, feedbackWarmUp, pageRequest], 3);
  const loadBefore = load();
  const before = await counts(database);
  const trivial = await run(baseURL, [{ method: "GET", path: "/api/health" }]);
  const quiz = await run(baseURL, [quizRequest]);
  const quizAcks = acked.quiz.length;
  const mix = await run(baseURL, [quizRequest, feedbackRequest, pageRequest]);
  const after = await counts(database);
  const warnings = appLogs.flatMap((f) =>
    fs
      .readFileSync(f, "utf8")
      .split("\n")
      .filter((l) => l.startsWith("{") && JSON.parse(l).level >= 40),
  );

  console.log(`\n${label} — ${CONNECTIONS} connections × ${SECONDS} s per line (load average before ${loadBefore}, after ${load()})`);
  console.log(`  ${describe("GET /api/health", trivial)}`);
  console.log(`  ${describe("POST /api/quiz/attempts", quiz)}`);
  console.log(`  ${describe("mix quiz+feedback+page", mix)}`);
  console.log(
    `  quiz throughput          ${(quiz.perSecond / trivial.perSecond).toFixed(2)}× the trivial route; p99 on accepted connections ${(quiz.steadyP99 / trivial.steadyP99).toFixed(2)}× the trivial's (target ≤ 3×: ${quiz.steadyP99 <= 3 * trivial.steadyP99 ? "MET" : "MISSED"}), over all requests ${(quiz.p99 / trivial.p99).toFixed(2)}×`,
  );
  console.log(
    `  mix throughput           ${(mix.perSecond / trivial.perSecond).toFixed(2)}× the trivial route; p99 on accepted connections ${(mix.steadyP99 / trivial.steadyP99).toFixed(2)}× the trivial's (target ≤ 3×: ${mix.steadyP99 <= 3 * trivial.steadyP99 ? "MET" : "MISSED"}), over all requests ${(mix.p99 / trivial.p99).toFixed(2)}×`,
  );
  // Every 2xx must be a stored row. Rows beyond the 2xx count are writes whose response the load
  // tool no longer waited for when the run ended (at most one per connection per run).
  const storedQuiz = after.attempts - before.attempts;
  const storedFeedback = after.feedback - before.feedback;
  const lost = [...missing(acked.quiz, after.quizLearners), ...missing(acked.feedback, after.feedbackLearners)];
  const unacked = storedQuiz - acked.quiz.length + storedFeedback - acked.feedback.length;
  console.log(
    `  stored rows vs 2xx       quiz ${storedQuiz} rows for ${acked.quiz.length} accepted (${quizAcks} alone + ${acked.quiz.length - quizAcks} in the mix), feedback ${storedFeedback} for ${acked.feedback.length}; every accepted write found by learner id: ${lost.length ? `NO, ${lost.length} LOST` : "yes"}; ${unacked} stored after the tool stopped waiting (cut off at the end of a run, ≤ ${3 * CONNECTIONS})`,
  );
  console.log(
    `  warnings/errors logged   ${warnings.length}${warnings.length ? `: ${[...new Set(warnings.map(describeLogLine))].join(", ")}` : ""}`,
  );
  if (lost.length || unacked < 0 || unacked > 3 * CONNECTIONS) process.exitCode = 1;
  return { trivial, quiz, mix };
}

/**
 * A logged warning or error: its message, and the error's own message and code when there are.
 * @param {string} line
 */
function describeLogLine(line) {
  const entry = /** @type {{ msg?: string, err?: { message?: string, code?: string, type?: string } }} */ (JSON.parse(line));
  if (!entry.err) return String(entry.msg);
  const { message = "", code = "", type = "" } = entry.err;
  return `${entry.msg} (${[type, code, message.trim().split("\n").at(-1)?.slice(0, 160)].filter(Boolean).join(" ")})`;
}

/**
 * @param {string} baseURL
 * @param {import("autocannon").Request[]} requests
 * @param {number} [seconds]
 * p50/p99 are autocannon's, over every request. steadyP50/steadyP99 leave out each connection's
 * first request, which also waits for the app to accept the connection: a saturated Node process
 * takes a burst of new connections off its listen queue about one per event-loop turn, so the 64
 * connections a run opens wait up to seconds (firstP50/firstMax; docs/scaling.md, "p99 and new
 * connections").
 * @returns {Promise<{ perSecond: number; total: number; p50: number; p99: number; steadyP50: number; steadyP99: number; firstP50: number; firstMax: number; non2xx: number; errors: number; cpu: ReturnType<typeof cpuSince> }>}
 */
function run(baseURL, requests, seconds = SECONDS) {
  const cpuBefore = cpuNow();
  /** @type {number[]} latencies of requests on connections the app had already accepted */
  const steady = [];
  /** @type {number[]} each connection's first request: includes waiting to be accepted */
  const firsts = [];
  /** @type {Set<object>} */
  const answered = new Set();
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url: baseURL, connections: CONNECTIONS, duration: seconds, timeout: 60, requests }, (error, result) => {
      if (error) return reject(error);
      steady.sort((a, b) => a - b);
      firsts.sort((a, b) => a - b);
      resolve({
        perSecond: result.requests.average,
        total: result.requests.total,
        p50: result.latency.p50,
        p99: result.latency.p99,
        steadyP50: Math.round(percentile(steady, 50)),
        steadyP99: Math.round(percentile(steady, 99)),
        firstP50: Math.round(percentile(firsts, 50)),
        firstMax: Math.round(percentile(firsts, 100)),
        non2xx: result.non2xx,
        errors: result.errors + result.timeouts,
        cpu: cpuSince(cpuBefore),
      });
    });
    instance.on("response", (client, _status, _bytes, ms) => {
      if (answered.has(client)) steady.push(ms);
      else {
        answered.add(client);
        firsts.push(ms);
      }
    });
  });
}

/**
 * @param {string} name
 * @param {Awaited<ReturnType<typeof run>>} r
 */
function describe(name, r) {
  const { app, tool, other, rest, cores } = r.cpu;
  const cpu = `CPU of ${cores} cores: app ${app.toFixed(2)}, load tool ${tool.toFixed(2)}${other ? `, proxy+db ${other.toFixed(2)}` : ""}, rest of the machine ${rest.toFixed(2)}`;
  const pad = "".padEnd(24);
  return [
    `${name.padEnd(24)} ${r.perSecond.toFixed(0).padStart(6)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  (${r.total} requests, non-2xx ${r.non2xx}, errors ${r.errors})`,
    `  ${pad} on accepted connections p50 ${r.steadyP50} ms  p99 ${r.steadyP99} ms; first request per connection p50 ${r.firstP50} ms, max ${r.firstMax} ms`,
    `  ${pad} ${cpu}`,
  ].join("\n");
}

/**
 * @param {string[]} ids
 * @param {Set<string>} stored
 */
function missing(ids, stored) {
  return ids.filter((id) => !stored.has(id));
}

/**
 * Row counts, and the learners that have a quiz attempt / a feedback row.
 * @param {BenchDatabase} database
 */
async function counts(database) {
  const queries = ['SELECT "learnerId" AS id FROM "QuizAttempt"', 'SELECT "learnerId" AS id FROM "Feedback"'];
  /** @type {{ id: string }[][]} */
  let results;
  if (database.provider === "postgresql") {
    const { Client } = require("pg");
    const client = new Client({ connectionString: database.url });
    await client.connect();
    results = [];
    for (const q of queries) results.push((await client.query(q)).rows);
    await client.end();
  } else {
    const Database = require("better-sqlite3");
    const db = new Database(database.url.replace(/^file:/, ""), { readonly: true, timeout: 10_000 });
    results = queries.map((q) => /** @type {{ id: string }[]} */ (db.prepare(q).all()));
    db.close();
  }
  const [quiz, feedback] = results;
  if (!quiz || !feedback) throw new Error("expected the rows of both tables");
  return {
    attempts: quiz.length,
    feedback: feedback.length,
    quizLearners: new Set(quiz.map((r) => r.id)),
    feedbackLearners: new Set(feedback.map((r) => r.id)),
  };
}
