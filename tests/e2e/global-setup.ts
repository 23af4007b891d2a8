// Starts the production build (`next start`) on a free port with a fresh SQLite database.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "../support/free-port";
import { E2E_AUTHOR_TOKEN, E2E_STATE, ROOT, TMP } from "../support/paths";

async function waitFor(url: string, logFile: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not start within ${timeoutMs} ms; see ${logFile}:\n${fs.readFileSync(logFile, "utf8").slice(-2000)}`);
}

export default async function globalSetup() {
  // Chromium, and a build with the fixture courses when sources are newer than the last one.
  execFileSync(process.execPath, ["scripts/ensure-test-build.mjs", "--chromium"], { cwd: ROOT, stdio: "inherit" });
  fs.mkdirSync(TMP, { recursive: true });
  const dbFile = path.join(TMP, "e2e.db");
  for (const s of ["", "-wal", "-shm"]) fs.rmSync(dbFile + s, { force: true });
  const env = { ...process.env, DATABASE_PROVIDER: "sqlite", DATABASE_URL: `file:${dbFile}`, NEXT_TELEMETRY_DISABLED: "1" };
  execFileSync(process.execPath, ["scripts/migrate.mjs", "deploy"], { cwd: ROOT, env, stdio: "inherit" });

  const port = await freePort();
  const logFile = path.join(TMP, "e2e-server.log");
  const out = fs.openSync(logFile, "w");
  const server = spawn(process.execPath, [path.join(ROOT, "scripts/serve.mjs")], {
    cwd: ROOT,
    // Every browser test is a new learner from 127.0.0.1: the per-IP limits are raised for them.
    env: {
      ...env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      AUTHOR_TOKEN: E2E_AUTHOR_TOKEN,
      NEW_LEARNERS_PER_MINUTE: "1000",
      QUIZ_RATE_LIMIT_PER_MINUTE: "1000",
      SIGN_IN_ATTEMPTS_PER_MINUTE: "1000",
    },
    stdio: ["ignore", out, out],
    detached: true,
  });
  server.unref();
  const baseURL = `http://127.0.0.1:${port}`;
  fs.writeFileSync(E2E_STATE, JSON.stringify({ baseURL, pid: server.pid, dbFile }));
  await waitFor(`${baseURL}/api/health`, logFile);
}
