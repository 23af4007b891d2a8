// Benchmark helper: starts the production build on a free port with a scratch SQLite database.
// @ts-check
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ensureBuild, migrate, ROOT } from "../scripts/lib.mjs";

/** @returns {Promise<number>} */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const address = s.address();
      if (address === null || typeof address === "string") return reject(new Error(`not a TCP address: ${address}`));
      s.close(() => resolve(address.port));
    });
  });
}

/** Benchmarks measure what requests cost, from one address: rate limits stay on but never refuse. */
const BENCH_LIMITS = { RATE_LIMIT_PER_MINUTE: "10000000", QUIZ_RATE_LIMIT_PER_MINUTE: "10000000", NEW_LEARNERS_PER_MINUTE: "10000000" };

/**
 * Polls `url` every 200 ms until it answers 2xx; throws after `seconds`.
 * @param {string} url
 * @param {number} seconds
 */
export async function waitForServer(url, seconds) {
  for (const end = Date.now() + seconds * 1000; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // starting
    }
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

/** @param {Record<string, string>} [extraEnv] */
export async function startServer(extraEnv = {}) {
  ensureBuild();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
  const env = {
    ...process.env,
    ...BENCH_LIMITS,
    ...extraEnv,
    DATABASE_PROVIDER: "sqlite",
    DATABASE_URL: `file:${path.join(dir, "bench.db")}`,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: /** @type {const} */ ("production"),
  };
  migrate(env);
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, "scripts/serve.mjs")], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: "ignore",
    detached: true,
  });
  const baseURL = `http://127.0.0.1:${port}`;
  await waitForServer(`${baseURL}/api/health`, 30);
  return {
    baseURL,
    env,
    stop() {
      try {
        if (child.pid) process.kill(-child.pid, "SIGTERM");
      } catch {
        /* gone */
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The p-th percentile (nearest rank) of numbers sorted ascending; NaN when there are none (a run
 * whose requests all failed still prints its figures and error count).
 * @param {number[]} sorted
 * @param {number} p
 */
export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * The median (nearest rank, as percentile) of numbers in any order.
 * @param {number[]} xs
 */
export const median = (xs) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

/**
 * Sequential requests: per-request latency in ms, sorted.
 * @param {string} url
 * @param {number} count
 */
export async function timeRequests(url, count) {
  /** @type {number[]} */
  const times = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const r = await fetch(url);
    await r.arrayBuffer();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}
