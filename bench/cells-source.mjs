// Reads the ```ts cell blocks of an MDX lesson (id + code) for benchmarks.
import fs from "node:fs";

export function loadCells(file) {
  const source = fs.readFileSync(file, "utf8");
  return [...source.matchAll(/```ts cell id="([^"]+)"[^\n]*\n([\s\S]*?)\n```/g)].map((m) => ({ id: m[1], code: m[2] }));
}
