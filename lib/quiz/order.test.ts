// Server-decided choice order: per learner, stable on reload, new on a retake, ids opaque.
import { choiceView } from "./order";

const key = Buffer.from("s".repeat(32));
const ids = ["right", "p-is-keep", "eval-scales", "unscaled"];
const at = (learnerId: string, round = 1) => ({ learnerId, quizRevision: "0123456789ab", questionId: "q1", round });

it("gives the same learner the same order and ids every time (a reload)", () => {
  const a = choiceView(key, at("learner-1"), ids, true);
  const b = choiceView(key, at("learner-1"), ids, true);
  expect(b.order).toEqual(a.order);
  expect([...b.publicId]).toEqual([...a.publicId]);
});

it("gives a retake new ids and, over many learners, a new order", () => {
  const first = choiceView(key, at("learner-1", 1), ids, true);
  const retake = choiceView(key, at("learner-1", 2), ids, true);
  for (const id of ids) expect(retake.publicId.get(id)).not.toBe(first.publicId.get(id));
  const changed = Array.from({ length: 50 }, (_, i) => {
    const r1 = choiceView(key, at(`l${i}`, 1), ids, true).order.join();
    return r1 !== choiceView(key, at(`l${i}`, 2), ids, true).order.join();
  }).filter(Boolean).length;
  expect(changed).toBeGreaterThan(35); // 1 - 1/24 of retakes reorder on average
});

it("puts the right answer first for about 1 in n learners, not for all (first-choice guessing)", () => {
  const n = 4000;
  const first = Array.from({ length: n }, (_, i) => choiceView(key, at(`learner-${i}`), ids, true).order[0]);
  const share = first.filter((id) => id === "right").length / n;
  expect(share).toBeGreaterThan(0.2);
  expect(share).toBeLessThan(0.3);
});

it("never shows authoring ids, and maps the shown ids back", () => {
  const view = choiceView(key, at("learner-1"), ids, false);
  expect(view.order).toEqual(ids); // shuffle: false keeps the author's order
  for (const id of ids) {
    const shown = view.publicId.get(id)!;
    expect(shown).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(ids.some((a) => shown.includes(a))).toBe(false);
    expect(view.authoringId.get(shown)).toBe(id);
  }
  expect(new Set(view.publicId.values()).size).toBe(ids.length);
});

it("depends on the server's key: another key gives other ids", () => {
  const other = choiceView(Buffer.from("t".repeat(32)), at("learner-1"), ids, true);
  expect(other.publicId.get("right")).not.toBe(choiceView(key, at("learner-1"), ids, true).publicId.get("right"));
});
