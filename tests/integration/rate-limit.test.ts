// The shared rate-limit store on a real database (SQLite file, PostgreSQL in CI): counts per key,
// refuses with a wait time, `check` does not charge, and counters live in the rate_limits table.
import { defined } from "@/lib/invariant";
import { charge, check, take } from "@/lib/rate-limit.server";
import { db, resetDb } from "../support/db";

beforeEach(resetDb);

it("allows the limit per key, refuses the next with a wait time, and keeps keys apart", async () => {
  const results = [];
  for (let i = 0; i < 11; i++) results.push(await take("feedback", ["ip:10.1.1.1"])); // limit 10 (RATE_LIMIT_PER_MINUTE)
  expect(results.slice(0, 10).every((r) => r.ok)).toBe(true);
  const refused = defined(results[10], "the 11th answer");
  expect(refused.ok).toBe(false);
  if (!refused.ok) {
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
  }
  expect((await take("feedback", ["ip:10.1.1.2"])).ok).toBe(true);
  expect((await take("ask", ["ip:10.1.1.1"])).ok).toBe(true); // another limit, another counter
});

it("refuses when any of the keys is over, and counts concurrent requests exactly", async () => {
  await Promise.all(Array.from({ length: 10 }, (_, i) => take("feedback", ["ip:10.2.0.1", `learner:${i}`])));
  expect((await take("feedback", ["ip:10.2.0.1", "learner:new"])).ok).toBe(false);
  const concurrent = await Promise.all(Array.from({ length: 25 }, () => take("quiz", ["ip:10.2.0.2"]))); // limit 30
  expect(concurrent.every((r) => r.ok)).toBe(true);
  const more = await Promise.all(Array.from({ length: 10 }, () => take("quiz", ["ip:10.2.0.2"])));
  expect(more.filter((r) => r.ok)).toHaveLength(5);
});

it("checks without charging, and charges failures up to the limit", async () => {
  for (let i = 0; i < 10; i++) expect((await check("authorToken", "ip:10.3.0.1")).ok).toBe(true);
  for (let i = 0; i < 5; i++) await charge("authorToken", "ip:10.3.0.1"); // limit 5
  const blocked = await check("authorToken", "ip:10.3.0.1");
  expect(blocked.ok).toBe(false);
  await expect(charge("authorToken", "ip:10.3.0.1")).resolves.toBeUndefined(); // over the limit is not an error
  expect(await db.rateLimit.findUnique({ where: { key: "authorToken:ip:10.3.0.1" }, select: { points: true } })).toEqual({ points: 6 });
});
