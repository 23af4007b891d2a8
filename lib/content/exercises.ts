// <Exercise>: task prose, a ```ts starter```, a ```ts solution```, <Hint>s (decision 0170).
import { z } from "zod";
import { describeIssues } from "../schemas/issues";
import { slugSchema } from "./schema";

export const exerciseAttributesSchema = z
  .object({
    id: slugSchema,
    title: z.string().trim().min(1).max(120),
    /** Seconds. */
    timeout: z.coerce.number().positive().max(120).default(10),
    seed: z.coerce.number().int().nonnegative().optional(),
  })
  .strict();

export const MIN_HINTS = 2;
export const MAX_HINTS = 5;

/** The task and hints come as rendered children. */
export type ExerciseProps = { id: string; title: string; starter: string; solution: string; timeoutSeconds: number; seed?: number };

type Node = {
  type: string;
  name?: string | null;
  lang?: string | null;
  meta?: string | null;
  value?: string;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: Node[];
  position?: { start: { line: number } };
} & Record<string, unknown>;

const isJsx = (node: Node, name: string) => (node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") && node.name === name;

/** `a="x"` and `a={20}` both give their text. */
function attributesOf(node: Node, where: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const attribute of node.attributes ?? []) {
    if (attribute.type !== "mdxJsxAttribute" || !attribute.name) throw new Error(`${where}: spread attributes are not allowed`);
    const value = attribute.value;
    if (typeof value === "string") out[attribute.name] = value;
    else if (value && typeof value === "object" && "value" in value) out[attribute.name] = String((value as { value: unknown }).value);
    else throw new Error(`${where}: attribute "${attribute.name}" needs a value`);
  }
  return out;
}

export type ParsedExercise = ExerciseProps & { hints: Node[]; task: Node[] };

export function parseExercise(node: Node): ParsedExercise {
  const where = `<Exercise> on line ${node.position?.start.line ?? "?"}`;
  const attributes = exerciseAttributesSchema.safeParse(attributesOf(node, where));
  if (!attributes.success) throw new Error(`${where}: ${describeIssues(attributes.error)}`);
  const { id, title, timeout, seed } = attributes.data;
  const starters: Node[] = [];
  const solutions: Node[] = [];
  const hints: Node[] = [];
  const task: Node[] = [];
  for (const child of node.children ?? []) {
    if (child.type === "code" && (child.meta ?? "").trim() === "starter") starters.push(child);
    else if (child.type === "code" && (child.meta ?? "").trim() === "solution") solutions.push(child);
    else if (isJsx(child, "Hint")) hints.push(child);
    else task.push(child);
  }
  const named = `${where} (id "${id}")`;
  for (const [blocks, kind] of [
    [starters, "starter"],
    [solutions, "solution"],
  ] as const) {
    if (blocks.length !== 1) throw new Error(`${named}: needs exactly one \`\`\`ts ${kind} block, found ${blocks.length}`);
    const lang = blocks[0]!.lang;
    if (lang !== "ts" && lang !== "typescript") throw new Error(`${named}: the ${kind} runs as TypeScript: use \`\`\`ts ${kind}`);
  }
  if (hints.length < MIN_HINTS || hints.length > MAX_HINTS)
    throw new Error(`${named}: needs ${MIN_HINTS} to ${MAX_HINTS} <Hint> elements, found ${hints.length}`);
  if (!task.some((n) => n.type !== "mdxJsxFlowElement")) throw new Error(`${named}: needs the task in prose before its code blocks`);
  const starter = starters[0]!.value ?? "";
  const solution = solutions[0]!.value ?? "";
  if (starter.trim() === solution.trim()) throw new Error(`${named}: the starter and the solution are the same code`);
  return { id, title, starter, solution, timeoutSeconds: timeout, seed, hints, task };
}

const attribute = (name: string, value: string | number) =>
  typeof value === "string"
    ? { type: "mdxJsxAttribute", name, value }
    : {
        type: "mdxJsxAttribute",
        name,
        value: {
          type: "mdxJsxAttributeValueExpression",
          value: String(value),
          data: {
            estree: {
              type: "Program",
              sourceType: "module",
              body: [{ type: "ExpressionStatement", expression: { type: "Literal", value, raw: String(value) } }],
            },
          },
        },
      };

export function findExercises(tree: Node): ParsedExercise[] {
  const out: ParsedExercise[] = [];
  const visit = (node: Node) => {
    if (isJsx(node, "Exercise")) out.push(parseExercise(node));
    else node.children?.forEach(visit);
  };
  visit(tree);
  const seen = new Set<string>();
  for (const e of out) {
    if (seen.has(e.id)) throw new Error(`<Exercise id="${e.id}"> is used twice in this chapter`);
    seen.add(e.id);
  }
  return out;
}

/** Remark plugin: each <Exercise> gets its code as attributes; its hints become <ExerciseHint>s. */
export function remarkExercises() {
  return (tree: Node) => {
    findExercises(tree); // fails on a malformed or duplicate exercise
    const visit = (node: Node) => {
      if (!isJsx(node, "Exercise")) return node.children?.forEach(visit);
      const e = parseExercise(node);
      const props: Record<string, string | number | undefined> = {
        id: e.id,
        title: e.title,
        starter: e.starter,
        solution: e.solution,
        timeoutSeconds: e.timeoutSeconds,
        seed: e.seed,
      };
      node.attributes = Object.entries(props).flatMap(([name, value]) => (value === undefined ? [] : [attribute(name, value)]));
      for (const hint of e.hints) hint.name = "ExerciseHint";
      node.children = [...e.task, ...e.hints];
    };
    visit(tree);
  };
}
