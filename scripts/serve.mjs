// The one server entry: Next behind a plain HTTP server (decision 0173).
// @ts-check
import cluster from "node:cluster";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import pino from "pino";

const dev = process.argv.includes("--dev");
Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" }); // typed read-only by Next
const ROOT = path.resolve(import.meta.dirname, "..");

// Built by scripts/build-server.mjs.
const SERVER_LIB = path.join(ROOT, "generated/lbr-server.mjs");
if (!fs.existsSync(SERVER_LIB)) {
  console.error(`${path.relative(ROOT, SERVER_LIB)} is missing: run \`npm run build\` (or \`npm start\`, which builds when needed).`);
  process.exit(1);
}
/** @type {typeof import("../lib/env.ts") & typeof import("../lib/security/headers.ts")} */
const { parseEnvOrExit, securityHeaders } = await import(SERVER_LIB);
const env = parseEnvOrExit(process.env);
const port = env.PORT;
const host = env.HOST;
const log = pino({ level: env.LOG_LEVEL, base: { pid: process.pid } });

if (cluster.isPrimary && env.WEB_CONCURRENCY > 1 && !dev) runPrimary(env.WEB_CONCURRENCY);
else await runWorker();

/**
 * Replaces workers that die; passes signals on.
 * @param {number} count
 */
function runPrimary(count) {
  let stopping = false;
  const fork = () => cluster.fork();
  for (let i = 0; i < count; i++) fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        log.info("all workers stopped");
        process.exit(0);
      }
      return;
    }
    log.error({ worker: worker.process.pid, code, signal }, "worker died; starting another");
    setTimeout(fork, 500);
  });
  for (const name of ["SIGTERM", "SIGINT"]) {
    process.on(name, () => {
      if (stopping) return;
      stopping = true;
      log.info({ signal: name }, "stopping workers");
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
      setTimeout(() => process.exit(1), env.SHUTDOWN_TIMEOUT_MS + 5_000).unref();
    });
  }
  log.info({ workers: count, port }, "primary started");
}

const ALLOWED_METHODS = new Set(["GET", "HEAD", "POST"]);
/** How long a stopping process leaves idle keep-alive connections for their client to close. */
const DRAIN_MS = Math.min(5_000, env.SHUTDOWN_TIMEOUT_MS / 2);

async function runWorker() {
  const trustProxy = env.TRUST_PROXY === "1";
  const app = await next();
  const handle = app.getRequestHandler();
  await app.prepare();

  // The runner's own host serves the runner's files only.
  const runnerHost = env.RUNNER_ORIGIN ? new URL(env.RUNNER_ORIGIN).host : undefined;

  let shuttingDown = false;
  // Not Node's default 300 s for slow clients.
  const timeouts = { requestTimeout: env.REQUEST_TIMEOUT_MS, headersTimeout: Math.min(10_000, env.REQUEST_TIMEOUT_MS) };
  const server = http.createServer({ ...timeouts, connectionsCheckingInterval: 1_000 }, (req, res) => {
    const started = process.hrtime.bigint();
    if (!trustProxy) {
      // Only a trusted proxy may set the client's address and scheme.
      req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "unknown";
      delete req.headers["x-forwarded-proto"];
      delete req.headers["x-forwarded-host"];
    }
    const incoming = req.headers["x-request-id"];
    const id = typeof incoming === "string" && /^[\w.:-]{1,128}$/.test(incoming) ? incoming : randomUUID();
    req.headers["x-request-id"] = id;
    res.setHeader("x-request-id", id);
    if (shuttingDown) res.setHeader("connection", "close");
    // Next would answer other methods with 500.
    if (!ALLOWED_METHODS.has(req.method ?? "")) {
      res.writeHead(405, {
        allow: [...ALLOWED_METHODS].join(", "),
        "content-type": "application/json",
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      });
      res.end(JSON.stringify({ error: `Method ${String(req.method).slice(0, 20)} is not allowed here.` }));
      return;
    }
    res.on("close", () => {
      log.info(
        {
          requestId: id,
          method: req.method,
          url: req.url,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        "request",
      );
    });
    // An unparsable path gets the pages' policy: it fails closed.
    const pathname = URL.canParse(req.url ?? "", "http://localhost") ? new URL(req.url ?? "", "http://localhost").pathname : "/";
    const secure = { runnerOrigin: env.RUNNER_ORIGIN, https: req.headers["x-forwarded-proto"] === "https", dev };
    for (const [name, value] of Object.entries(securityHeaders(pathname, secure))) res.setHeader(name, value);
    if (runnerHost && req.headers.host === runnerHost && !pathname.startsWith("/runner/")) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
      res.end("Not found: this host serves the code runner only.\n");
      return;
    }
    handle(req, res);
  });
  server.maxConnections = env.MAX_CONNECTIONS;
  // Longer than a proxy's idle timeout (deploy/nginx.conf: 4 s), so the proxy closes idle ones first.
  server.keepAliveTimeout = 10_000;
  server.listen(port, host, () => log.info({ url: `http://${host === "0.0.0.0" ? "localhost" : host}:${port}` }, "ready"));

  /** Read by lib/db.server.ts and app/api/ready. */
  const hooks = /** @type {Record<symbol, unknown>} */ (globalThis);
  /** @param {string} signal  or "disconnect" */
  const shutdown = async (signal) => {
    if (shuttingDown) return;
    shuttingDown = true;
    hooks[Symbol.for("learn-by-running.shuttingDown")] = true;
    log.info({ signal }, "shutting down: no new connections, finishing requests in flight");
    const timer = setTimeout(() => {
      log.error({ timeoutMs: env.SHUTDOWN_TIMEOUT_MS }, "requests still running at the shutdown timeout; exiting");
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    // Idle keep-alive connections stay open for their client to close for DRAIN_MS: closing one
    // races a request the proxy may be sending on it (it cannot resend a POST). Decision 0141.
    await new Promise((resolve) => {
      net.Server.prototype.close.call(server, resolve); // http's close() would drop idle ones at once
      setTimeout(() => setInterval(() => server.closeIdleConnections(), 100).unref(), DRAIN_MS).unref();
    });
    const closeDb = /** @type {(() => Promise<void>) | undefined} */ (hooks[Symbol.for("learn-by-running.closeDb")]);
    await closeDb?.();
    log.info("shutdown complete");
    process.exit(0);
  };
  for (const name of ["SIGTERM", "SIGINT"]) process.on(name, () => void shutdown(name));
  // In a cluster the primary sends the signal.
  process.on("disconnect", () => void shutdown("disconnect"));
}

function next() {
  // The primary of a cluster never loads Next.
  return import("next").then(({ default: createNext }) => createNext({ dev, turbopack: dev, dir: ROOT, hostname: host, port }));
}
