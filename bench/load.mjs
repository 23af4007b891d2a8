// Closed-loop HTTP load: N concurrent clients for a fixed time, latency percentiles.
// @ts-check
import { percentile } from "./server.mjs";

/**
 * Runs `clients` loops that each send `makeRequest()` back to back for `seconds`.
 * Returns throughput and latency figures; `ok` counts 2xx answers.
 * @param {{
 *   clients: number;
 *   seconds: number;
 *   makeRequest: () => { url: string; init?: RequestInit };
 *   stopWhen?: () => boolean;
 *   onResponse?: (response: Response) => Promise<void>;
 * }} options
 */
export async function load({ clients, seconds, makeRequest, stopWhen = () => false, onResponse }) {
  const deadline = performance.now() + seconds * 1000;
  /** @type {number[]} */
  const latencies = [];
  /** @type {Map<number, number>} */
  const statuses = new Map();
  let errors = 0;
  async function client() {
    while (performance.now() < deadline && !stopWhen()) {
      const { url, init } = makeRequest();
      const t0 = performance.now();
      try {
        const response = await fetch(url, init);
        if (onResponse) await onResponse(response);
        else await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      } catch {
        errors += 1;
      }
    }
  }
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, client));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const ok = [...statuses].filter(([s]) => s >= 200 && s < 300).reduce((n, [, c]) => n + c, 0);
  return {
    requests: latencies.length,
    ok,
    errors,
    statuses: Object.fromEntries(statuses),
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/** @typedef {Awaited<ReturnType<typeof load>>} LoadResult */

/**
 * @param {string} name
 * @param {LoadResult} r
 */
export function describe(name, r) {
  return `${name.padEnd(22)} ${r.perSecond.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  (${r.requests} requests, statuses ${JSON.stringify(r.statuses)}, network errors ${r.errors})`;
}
