// The runnable cells of a lesson file, as the build sees them (found by the MDX parser).
import fs from "node:fs";
import matter from "gray-matter";
import { chapterParts } from "@/lib/content/parts";

export type LessonCell = { id: string; seed?: number; code: string };

/** The ```ts cell …``` blocks of a chapter file, in order. */
export function lessonCells(file: string): LessonCell[] {
  return chapterParts(matter(fs.readFileSync(file, "utf8")).content).cells.map(({ id, seed, code }) => ({ id, seed, code }));
}
