// The ids of a chapter's code cells, read from its source (cached per chapter revision).
import "server-only";
import fs from "node:fs";
import type { Chapter } from "@/lib/content/load";
import { cellIdsOf } from "./cell-ids";

const cache = new Map<string, { revision: string; ids: Set<string> }>();

export async function chapterCellIds(chapter: Pick<Chapter, "id" | "file" | "revision">): Promise<Set<string>> {
  const hit = cache.get(chapter.id);
  if (hit && hit.revision === chapter.revision) return hit.ids;
  const ids = cellIdsOf(await fs.promises.readFile(chapter.file, "utf8"));
  cache.set(chapter.id, { revision: chapter.revision, ids });
  return ids;
}
