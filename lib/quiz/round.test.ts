// Rounds: stable per learner and round, new on a retake, ≥ 40% questions with per-learner numbers.
import { drawRound, VARYING_SHARE } from "./round";

const key = Buffer.alloc(32, 7);
const bank = Array.from({ length: 12 }, (_, i) => ({ id: `q${i}`, varying: i < 5 }));

it("draws the round size, the same for the same learner and round", () => {
  const a = drawRound(key, "learner-a|rev|1", bank, 6);
  expect(a).toHaveLength(6);
  expect(new Set(a).size).toBe(6);
  expect(drawRound(key, "learner-a|rev|1", bank, 6)).toEqual(a);
});

it("draws other questions for another round and another learner", () => {
  const rounds = Array.from({ length: 20 }, (_, r) => drawRound(key, `learner-a|rev|${r + 1}`, bank, 6).join());
  expect(new Set(rounds).size).toBeGreaterThan(15);
  expect(drawRound(key, "learner-b|rev|1", bank, 6)).not.toEqual(drawRound(key, "learner-a|rev|1", bank, 6));
});

it("makes at least 40% of every round varying questions, and uses every question over many rounds", () => {
  const seen = new Set<string>();
  for (let r = 1; r <= 200; r++) {
    const ids = drawRound(key, `x|rev|${r}`, bank, 6);
    ids.forEach((id) => seen.add(id));
    const varying = ids.filter((id) => bank.find((q) => q.id === id)!.varying).length;
    expect(varying / ids.length).toBeGreaterThanOrEqual(VARYING_SHARE);
  }
  expect(seen.size).toBe(bank.length);
});

it("shows the whole bank when it is no larger than the round", () => {
  expect(drawRound(key, "s", bank.slice(0, 3), 6).sort()).toEqual(["q0", "q1", "q2"]);
});
