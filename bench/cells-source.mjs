// Reads the ```ts cell blocks of an MDX lesson (id + code) for benchmarks.
// @ts-check
import fs from "node:fs";

/**
 * @param {string} file
 * @returns {{ id: string; code: string }[]}
 */
export function loadCells(file) {
  const source = fs.readFileSync(file, "utf8");
  return [...source.matchAll(/```ts cell id="([^"]+)"[^\n]*\n([\s\S]*?)\n```/g)].flatMap(([, id, code]) =>
    id !== undefined && code !== undefined ? [{ id, code }] : [],
  );
}
