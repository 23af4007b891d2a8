// The runnable cells of a lesson file, as the build sees them: ```ts cell id="…" seed=… blocks.
import fs from "node:fs";
import { parseMeta } from "@/lib/content/cells";

export type LessonCell = { id: string; seed?: number; code: string };

/** The ```ts cell …``` blocks of a chapter file, in order. */
export function lessonCells(file: string): LessonCell[] {
  const source = fs.readFileSync(file, "utf8");
  return [...source.matchAll(/^```ts (cell[^\n]*)\n([\s\S]*?)^```$/gm)].map((m) => {
    const meta = parseMeta(m[1]!);
    return { id: String(meta.id), seed: meta.seed === undefined ? undefined : Number(meta.seed), code: m[2]! };
  });
}
