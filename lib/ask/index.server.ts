// Ask AI's index from the build, or built in memory when missing or stale.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { getCourses } from "@/lib/content/course.server";
import { contentKey, corpus } from "./corpus";
import { buildIndex, loadIndex, type PassageIndex } from "./search";

export const INDEX_FILE = path.join(process.cwd(), "generated", "ask-index.json");

let cached: { key: string; index: PassageIndex } | undefined;

export function getAskIndex(): PassageIndex {
  const courses = getCourses();
  const key = contentKey(courses);
  if (cached?.key === key) return cached.index;
  let index: PassageIndex | undefined;
  if (fs.existsSync(INDEX_FILE)) {
    const stored = JSON.parse(fs.readFileSync(INDEX_FILE, "utf8")) as { key: string; index: string };
    if (stored.key === key) index = loadIndex(stored.index);
  }
  index ??= buildIndex(corpus(courses));
  cached = { key, index };
  return index;
}
