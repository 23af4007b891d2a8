// Production server: Next's request handler behind a plain Node HTTP server, so that the
// client address the app sees is the socket's own (a client cannot spoof X-Forwarded-For and
// slip past per-IP rate limits). Behind a reverse proxy, set TRUST_PROXY=1 to keep its header.
//   node scripts/serve.mjs   (PORT, HOST; used by `npm start`, the browser tests and benchmarks)
import http from "node:http";
import path from "node:path";
import next from "next";

process.env.NODE_ENV = "production";
const ROOT = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const trustProxy = process.env.TRUST_PROXY === "1";

const app = next({ dev: false, dir: ROOT, hostname: host, port });
const handle = app.getRequestHandler();
await app.prepare();

http
  .createServer((req, res) => {
    if (!trustProxy) req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "unknown";
    handle(req, res);
  })
  .listen(port, host, () => console.log(`ready on http://${host === "0.0.0.0" ? "localhost" : host}:${port}`));
