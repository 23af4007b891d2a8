// A chapter's code cells and exercises, found by the build's MDX parser.
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { cellMetaSchema, parseMeta } from "./cells";
import { findExercises, type ParsedExercise } from "./exercises";

export type ChapterParts = {
  cells: { id: string; code: string; seed?: number; timeoutSeconds: number }[];
  exercises: Omit<ParsedExercise, "hints" | "task">[];
};

type Node = { type: string; lang?: string | null; meta?: string | null; value?: string; children?: Node[] };

const parser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(remarkMath);

/** `source`: without frontmatter. */
export function chapterParts(source: string): ChapterParts {
  const tree = parser.parse(source) as Node;
  const cells: ChapterParts["cells"] = [];
  const visit = (node: Node) => {
    if (node.type === "code" && (node.lang === "ts" || node.lang === "typescript") && node.meta) {
      const meta = parseMeta(node.meta);
      if (meta.cell === true) {
        const parsed = cellMetaSchema.safeParse(meta);
        if (parsed.success)
          cells.push({ id: parsed.data.id, code: node.value ?? "", seed: parsed.data.seed, timeoutSeconds: parsed.data.timeout });
      }
    }
    node.children?.forEach(visit);
  };
  visit(tree);
  const exercises = findExercises(tree as never).map(({ hints: _hints, task: _task, ...rest }) => rest);
  return { cells, exercises };
}
