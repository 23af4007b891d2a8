// A chapter's cells and exercises, read from its source once per revision.
import "server-only";
import fs from "node:fs";
import matter from "gray-matter";
import type { Chapter } from "./load";
import { chapterParts, type ChapterParts } from "./parts";

const cache = new Map<string, { revision: string; parts: Promise<ChapterParts> }>();

export function partsOf(chapter: Pick<Chapter, "id" | "file" | "revision">): Promise<ChapterParts> {
  const hit = cache.get(chapter.id);
  if (hit && hit.revision === chapter.revision) return hit.parts;
  const parts = fs.promises.readFile(chapter.file, "utf8").then((raw) => chapterParts(matter(raw).content));
  cache.set(chapter.id, { revision: chapter.revision, parts });
  parts.catch(() => cache.delete(chapter.id));
  return parts;
}
