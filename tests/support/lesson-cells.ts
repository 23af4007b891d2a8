// The chapter files below a folder, and the runnable cells of one, as the build sees them (found by
// the MDX parser).
import fs from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { chapterParts } from "@/lib/content/parts";

export type LessonCell = { id: string; seed?: number; code: string };

/** Every chapter file (.mdx) below `dir`. */
export function chapterFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? chapterFiles(path.join(dir, e.name)) : e.name.endsWith(".mdx") ? [path.join(dir, e.name)] : []));
}

/** The ```ts cell …``` blocks of a chapter file, in order. */
export function lessonCells(file: string): LessonCell[] {
  return chapterParts(matter(fs.readFileSync(file, "utf8")).content).cells.map(({ id, seed, code }) => ({ id, seed, code }));
}
