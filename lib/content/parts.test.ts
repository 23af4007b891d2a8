// Cells and exercises are found by the MDX parser, as the build sees them.
import { chapterParts } from "./parts";

const exercise = (id: string, hints = 2) =>
  [
    `<Exercise id="${id}" title="Write it" timeout={20}>`,
    "",
    "Write $f(x) = \\frac{x}{2}$.",
    "",
    "```ts starter",
    "const f = (x: number) => x;",
    "```",
    "",
    "```ts solution",
    "const f = (x: number) => x / 2;",
    "```",
    "",
    ...Array.from({ length: hints }, (_, i) => [`<Hint>`, "", `Hint ${i + 1}.`, "", "</Hint>", ""]).flat(),
    "</Exercise>",
  ].join("\n");

it("finds ts cell fences and nothing else", () => {
  const source = [
    "Intro with math $\\frac{1}{2}$.",
    '```ts cell id="train-vs-eval" seed=42 title="Train vs eval"',
    "const x = 1;",
    "```",
    '```ts id="not-a-cell"',
    "```",
    '```js cell id="wrong-lang"',
    "```",
    "````typescript cell id='second' timeout=30",
    "````",
  ].join("\n");
  const { cells } = chapterParts(source);
  expect(cells.map((c) => [c.id, c.seed, c.timeoutSeconds])).toEqual([
    ["train-vs-eval", 42, 10],
    ["second", undefined, 30],
  ]);
});

it("finds exercises with their starter, solution and time budget", () => {
  const { exercises, cells } = chapterParts(`Text.\n\n${exercise("halve")}\n`);
  expect(cells).toEqual([]);
  expect(exercises).toEqual([
    {
      id: "halve",
      title: "Write it",
      starter: "const f = (x: number) => x;",
      solution: "const f = (x: number) => x / 2;",
      timeoutSeconds: 20,
      seed: undefined,
    },
  ]);
});

it("fails on an exercise with one hint, a missing solution, a bad id or a duplicate", () => {
  expect(() => chapterParts(exercise("halve", 1))).toThrow(/needs 2 to 5 <Hint> elements, found 1/);
  expect(() => chapterParts(exercise("halve").replace(/```ts solution[\s\S]*?```\n/, ""))).toThrow(
    /exactly one ```ts solution block, found 0/,
  );
  expect(() => chapterParts(exercise("Halve"))).toThrow(/id: must be a lowercase slug/);
  expect(() => chapterParts(`${exercise("halve")}\n\n${exercise("halve")}`)).toThrow(/used twice/);
  expect(() => chapterParts(exercise("halve").replace("x / 2", "x"))).toThrow(/starter and the solution are the same/);
});
