// The ids of the code cells in a chapter's MDX source (pure).
import { parseMeta } from "@/lib/content/cells";
import { defined } from "@/lib/invariant";

/** Ids of the fenced ```ts cell id="…"``` blocks (the same fences the MDX plugin turns into cells). */
export function cellIdsOf(source: string): Set<string> {
  const ids = new Set<string>();
  for (const [, info] of source.matchAll(/^ {0,3}(?:`{3,}|~{3,})[ \t]*(?:ts|typescript)[ \t]+(.*)$/gm)) {
    const meta = parseMeta(defined(info, "fence info"));
    if (meta.cell === true && typeof meta.id === "string") ids.add(meta.id);
  }
  return ids;
}
