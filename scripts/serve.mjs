// The one server entry, for `npm start` (production) and `npm run dev` (--dev: Next's dev server with
// hot reload): Next's request handler behind a plain Node HTTP server, so that the client address
// the app sees is the socket's own (a client cannot spoof X-Forwarded-For and slip past per-IP rate
// limits) and every response, in dev too, carries the security headers. Behind a reverse proxy, set
// TRUST_PROXY=1 to keep its headers.
//   node scripts/serve.mjs [--dev]   (PORT, HOST, WEB_CONCURRENCY; used by `npm start`, tests, benchmarks)
// WEB_CONCURRENCY > 1 forks that many workers sharing the port (Node's cluster). Each process logs
// one JSON line per request with a request id, and on SIGTERM stops accepting, finishes what is
// in flight, closes its database pool and exits.
// @ts-check
import cluster from "node:cluster";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import pino from "pino";

const dev = process.argv.includes("--dev");
Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" }); // (typed read-only by Next's declarations)
const ROOT = path.resolve(import.meta.dirname, "..");

// The app's env schema and header policy, compiled by scripts/build-server.mjs (no TypeScript
// loader at run time): a bad value stops the server here, naming the variable.
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
 * Forks the workers, replaces one that dies, and passes SIGTERM/SIGINT on to all of them.
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
      // A worker that hangs past its own timeout is not our problem for ever.
      setTimeout(() => process.exit(1), env.SHUTDOWN_TIMEOUT_MS + 5_000).unref();
    });
  }
  log.info({ workers: count, port }, "primary started");
}

const ALLOWED_METHODS = new Set(["GET", "HEAD", "POST"]);

async function runWorker() {
  const trustProxy = env.TRUST_PROXY === "1";
  const app = await next();
  const handle = app.getRequestHandler();
  await app.prepare();

  // With RUNNER_ORIGIN, requests to the runner's host get the runner's files and nothing else.
  const runnerHost = env.RUNNER_ORIGIN ? new URL(env.RUNNER_ORIGIN).host : undefined;

  let shuttingDown = false;
  // Slow clients cannot hold a connection for Node's default 300 s; checked every second.
  const timeouts = { requestTimeout: env.REQUEST_TIMEOUT_MS, headersTimeout: Math.min(10_000, env.REQUEST_TIMEOUT_MS) };
  const server = http.createServer({ ...timeouts, connectionsCheckingInterval: 1_000 }, (req, res) => {
    const started = process.hrtime.bigint();
    if (!trustProxy) {
      // Only a proxy we trust may tell us the client's address and scheme.
      req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "unknown";
      delete req.headers["x-forwarded-proto"];
      delete req.headers["x-forwarded-host"];
    }
    const incoming = req.headers["x-request-id"];
    const id = typeof incoming === "string" && /^[\w.:-]{1,128}$/.test(incoming) ? incoming : randomUUID();
    req.headers["x-request-id"] = id;
    res.setHeader("x-request-id", id);
    if (shuttingDown) res.setHeader("connection", "close"); // the client reconnects elsewhere
    // The app answers GET, HEAD and POST only; TRACE and the rest never reach Next (no 500s).
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
    // A path that does not parse gets the pages' policy (it fails closed: no framing).
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
  server.listen(port, host, () => log.info({ url: `http://${host === "0.0.0.0" ? "localhost" : host}:${port}` }, "ready"));

  /** Flags the app shuts down, and closes its database pool: see lib/db.server.ts, app/api/ready. */
  const hooks = /** @type {Record<symbol, unknown>} */ (globalThis);
  /** @param {string} signal  the signal, or "disconnect" from the cluster's primary */
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
    // close() stops accepting and waits for open requests; idle keep-alive sockets go now.
    await new Promise((resolve) => {
      server.close(resolve);
      // Keep-alive sockets that finish their request later are closed as they become idle.
      setInterval(() => server.closeIdleConnections(), 100).unref();
    });
    const closeDb = /** @type {(() => Promise<void>) | undefined} */ (hooks[Symbol.for("learn-by-running.closeDb")]);
    await closeDb?.();
    log.info("shutdown complete");
    process.exit(0);
  };
  for (const name of ["SIGTERM", "SIGINT"]) process.on(name, () => void shutdown(name));
  // In a cluster the primary sends the signal; a worker must not die of the terminal's SIGINT first.
  process.on("disconnect", () => void shutdown("disconnect"));
}

function next() {
  // Imported here so that the primary of a cluster never loads Next.
  return import("next").then(({ default: createNext }) => createNext({ dev, turbopack: dev, dir: ROOT, hostname: host, port }));
}
