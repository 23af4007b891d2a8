// ```ts cell id="x" seed=42 timeout=20 title="…"``` blocks become <CodeCell>s.
import { z } from "zod";
import { defined } from "../invariant";
import { describeIssues } from "../schemas/issues";
import { slugSchema } from "./schema";

export const cellMetaSchema = z
  .object({
    cell: z.literal(true),
    id: slugSchema,
    title: z.string().trim().min(1).max(120).optional(),
    /** Seeds Math.random, and so tfjs ops without their own seed. */
    seed: z.coerce.number().int().nonnegative().optional(),
    /** Seconds. */
    timeout: z.coerce.number().positive().max(120).default(10),
  })
  .strict();

export type CellMeta = z.infer<typeof cellMetaSchema>;
export type CellProps = { id: string; code: string; title?: string; seed?: number; timeoutSeconds: number };

/** `cell id="x" seed=3` → { cell: true, id: "x", seed: "3" }. */
export function parseMeta(meta: string): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  const re = /([a-zA-Z][\w-]*)(?:=(?:"([^"]*)"|'([^']*)'|([^\s"']+)))?/g;
  for (const [, key, doubleQuoted, singleQuoted, bare] of meta.matchAll(re)) {
    out[defined(key, "meta key")] = doubleQuoted ?? singleQuoted ?? bare ?? true;
  }
  return out;
}

type MdastNode = {
  type: string;
  lang?: string | null;
  meta?: string | null;
  value?: string;
  children?: MdastNode[];
  position?: { start: { line: number } };
} & Record<string, unknown>;

export function remarkCodeCells() {
  return (tree: MdastNode) => {
    const ids = new Set<string>();
    const visit = (node: MdastNode) => {
      node.children?.forEach((child, index) => {
        if (child.type === "code" && child.meta && /(^|\s)cell(\s|$)/.test(child.meta)) {
          const where = `code cell on line ${child.position?.start.line ?? "?"}`;
          if (child.lang !== "ts" && child.lang !== "typescript") throw new Error(`${where}: cells run TypeScript: use \`\`\`ts cell …`);
          const parsed = cellMetaSchema.safeParse(parseMeta(child.meta));
          if (!parsed.success) throw new Error(`${where}: ${describeIssues(parsed.error)}`);
          if (ids.has(parsed.data.id)) throw new Error(`${where}: id "${parsed.data.id}" is used by another cell in this chapter`);
          ids.add(parsed.data.id);
          const props: CellProps = {
            id: parsed.data.id,
            code: child.value ?? "",
            title: parsed.data.title,
            seed: parsed.data.seed,
            timeoutSeconds: parsed.data.timeout,
          };
          node.children![index] = {
            type: "mdxJsxFlowElement",
            name: "CodeCell",
            attributes: Object.entries(props)
              .filter(([, v]) => v !== undefined)
              .map(([name, value]) => ({
                type: "mdxJsxAttribute",
                name,
                value:
                  typeof value === "string"
                    ? value
                    : {
                        type: "mdxJsxAttributeValueExpression",
                        value: JSON.stringify(value),
                        data: { estree: literalProgram(value as number) },
                      },
              })),
            children: [],
          };
        } else {
          visit(child);
        }
      });
    };
    visit(tree);
  };
}

function literalProgram(value: number) {
  return {
    type: "Program",
    sourceType: "module",
    body: [{ type: "ExpressionStatement", expression: { type: "Literal", value, raw: JSON.stringify(value) } }],
  };
}
