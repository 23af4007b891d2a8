// Cell ids come from the chapter's own fences: only those may be recorded as run.
import { cellIdsOf } from "./cell-ids";

it("finds the ids of ts cell fences and nothing else", () => {
  const source = [
    "Intro",
    '```ts cell id="train-vs-eval" seed=42 title="Train vs eval"',
    "const x = 1;",
    "```",
    '```ts id="not-a-cell"',
    "```",
    '```js cell id="wrong-lang"',
    "```",
    "````typescript cell id='second'",
    "````",
  ].join("\n");
  expect([...cellIdsOf(source)].sort()).toEqual(["second", "train-vs-eval"]);
});
