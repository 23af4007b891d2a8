// Group commit scheduling: who shares a flush, in what order, and how errors reach callers.
import { groupCommit } from "./group-commit";

type Job = { learner: string; n: number };

function recorder(fail?: (jobs: Job[]) => boolean) {
  const flushes: number[][] = [];
  const flush = async (jobs: Job[]) => {
    flushes.push(jobs.map((j) => j.n));
    await new Promise((r) => setTimeout(r, 5)); // a write takes time: more jobs queue meanwhile
    if (fail?.(jobs)) throw new Error("write failed");
    return jobs.map((j) => j.n * 10);
  };
  return { flushes, flush };
}

it("flushes jobs that arrive together as one group, and later ones in the next", async () => {
  const { flushes, flush } = recorder();
  const submit = groupCommit(flush, { key: (j: Job) => j.learner, maxGroup: 100 });
  const first = [1, 2, 3].map((n) => submit({ learner: `l${n}`, n }));
  await new Promise((r) => setImmediate(r)); // the first flush has started
  const second = [4, 5].map((n) => submit({ learner: `l${n}`, n }));
  expect(await Promise.all([...first, ...second])).toEqual([10, 20, 30, 40, 50]);
  expect(flushes).toEqual([
    [1, 2, 3],
    [4, 5],
  ]);
});

it("never puts two jobs with the same key in one group (the second sees the first's writes)", async () => {
  const { flushes, flush } = recorder();
  const submit = groupCommit(flush, { key: (j: Job) => j.learner, maxGroup: 100 });
  const results = await Promise.all([submit({ learner: "a", n: 1 }), submit({ learner: "a", n: 2 }), submit({ learner: "b", n: 3 })]);
  expect(results).toEqual([10, 20, 30]);
  expect(flushes).toEqual([[1, 3], [2]]);
});

it("caps a group at maxGroup", async () => {
  const { flushes, flush } = recorder();
  const submit = groupCommit(flush, { key: (j: Job) => j.learner, maxGroup: 2 });
  await Promise.all([1, 2, 3, 4, 5].map((n) => submit({ learner: `l${n}`, n })));
  expect(flushes).toEqual([[1, 2], [3, 4], [5]]);
});

it("fails every job of a failed group, and goes on with the next group", async () => {
  const { flushes, flush } = recorder((jobs) => jobs.some((j) => j.n === 1));
  const submit = groupCommit(flush, { key: (j: Job) => j.learner, maxGroup: 100 });
  const outcomes = await Promise.allSettled([
    submit({ learner: "a", n: 1 }),
    submit({ learner: "b", n: 2 }),
    submit({ learner: "a", n: 3 }),
  ]);
  expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "fulfilled"]);
  expect(flushes).toEqual([[1, 2], [3]]);
});

it("fails every job of a group whose flush answers too few results (no job resolves with undefined)", async () => {
  const submit = groupCommit(async (jobs: Job[]) => jobs.slice(1).map((j) => j.n * 10), {
    key: (j: Job) => j.learner,
    maxGroup: 100,
  });
  const outcomes = await Promise.allSettled([submit({ learner: "a", n: 1 }), submit({ learner: "b", n: 2 })]);
  expect(outcomes).toEqual([
    { status: "rejected", reason: new Error("Invariant failed: flush answered 1 results for 2 jobs") },
    { status: "rejected", reason: new Error("Invariant failed: flush answered 1 results for 2 jobs") },
  ]);
});
