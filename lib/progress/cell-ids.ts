// The ids of the code cells in a chapter's MDX source (pure).
import { parseMeta } from "@/lib/content/cells";

/** Ids of the fenced ```ts cell id="…"``` blocks (the same fences the MDX plugin turns into cells). */
export function cellIdsOf(source: string): Set<string> {
  const ids = new Set<string>();
  for (const m of source.matchAll(/^ {0,3}(?:`{3,}|~{3,})[ \t]*(?:ts|typescript)[ \t]+(.*)$/gm)) {
    const meta = parseMeta(m[1]);
    if (meta.cell === true && typeof meta.id === "string") ids.add(meta.id);
  }
  return ids;
}
