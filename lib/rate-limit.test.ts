// The sliding-window limiter: allows up to the limit per key, refuses with a wait time, recovers.
import { clientIp, RateLimiter } from "./rate-limit.server";

it("allows the limit per key and says how long to wait", () => {
  let now = 0;
  const limiter = new RateLimiter(3, 60_000, () => now);
  expect([1, 2, 3].map(() => limiter.take(["a"]).ok)).toEqual([true, true, true]);
  now = 10_000;
  expect(limiter.take(["a"])).toEqual({ ok: false, retryAfterSeconds: 50 });
  expect(limiter.take(["b"]).ok).toBe(true);
  now = 60_001;
  expect(limiter.take(["a"]).ok).toBe(true);
});

it("counts a request against every key, and records nothing when one key is over", () => {
  let now = 0;
  const limiter = new RateLimiter(2, 60_000, () => now);
  limiter.take(["learner:1", "ip:x"]);
  limiter.take(["learner:2", "ip:x"]);
  expect(limiter.take(["learner:3", "ip:x"]).ok).toBe(false); // the IP is over
  now = 1;
  expect(limiter.take(["learner:3", "ip:y"]).ok).toBe(true); // learner:3 was not charged
  expect(limiter.take(["learner:3", "ip:z"]).ok).toBe(true);
  expect(limiter.take(["learner:3", "ip:w"]).ok).toBe(false);
});

it("takes the address our server appended, not one the client made up", () => {
  expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.7" }))).toBe("10.0.0.7");
  expect(clientIp(new Headers({ "x-real-ip": "10.0.0.8" }))).toBe("10.0.0.8");
  expect(clientIp(new Headers())).toBe("unknown");
});
