// A learner cookie is ours only if its signature matches: made-up and altered ids are refused.
import { randomUUID } from "node:crypto";
import { signLearnerId, verifyLearnerCookie } from "./sign";

const key = Buffer.from("k".repeat(32));
const other = Buffer.from("o".repeat(32));

it("accepts what it signed and returns the id", () => {
  const id = randomUUID();
  expect(verifyLearnerCookie(key, signLearnerId(key, id))).toEqual({ ok: true, id });
});

it.each<[string, (id: string) => string]>([
  ["a bare UUID (the old, forgeable format)", (id) => id],
  ["a UUID with a made-up signature", (id) => `${id}.${"A".repeat(43)}`],
  ["another key's signature", (id) => signLearnerId(other, id)],
  ["a signature moved to another id", () => signLearnerId(key, randomUUID()).replace(/^[^.]+/, randomUUID())],
  ["a truncated signature", (id) => signLearnerId(key, id).slice(0, -1)],
  ["not a UUID", () => signLearnerId(key, "admin")],
  ["empty", () => ""],
])("refuses %s", (_what, make) => {
  expect(verifyLearnerCookie(key, make(randomUUID())).ok).toBe(false);
});
