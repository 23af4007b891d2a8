// TypeScript → JavaScript for cells (sucrase), keeping line numbers.
import { transform } from "sucrase";

export type Transpiled = { ok: true; js: string } | { ok: false; name: "SyntaxError"; message: string; line?: number; column?: number };

export const CELL_FILE = "cell.ts";

/** Strips types and turns `import` into `require`; sucrase keeps every line where it was. */
export function transpile(ts: string): Transpiled {
  try {
    const { code } = transform(ts, {
      transforms: ["typescript", "imports"],
      disableESTransforms: true,
      production: true,
    });
    return { ok: true, js: `${code}\n//# sourceURL=${CELL_FILE}` };
  } catch (e) {
    const raw = (e as Error).message;
    const position = /\((\d+):(\d+)\)\s*$/.exec(raw);
    return {
      ok: false,
      name: "SyntaxError",
      message: raw.replace(/\s*\(\d+:\d+\)\s*$/, ""),
      line: position ? Number(position[1]) : undefined,
      column: position ? Number(position[2]) : undefined, // sucrase columns are already 1-based
    };
  }
}

/** Line and column of the innermost learner frame; `lineOffset`: lines the Function constructor adds. */
export function learnerPosition(stack: string | undefined, lineOffset: number): { line: number; column: number } | undefined {
  if (!stack) return undefined;
  const match = new RegExp(`${CELL_FILE.replace(".", "\\.")}:(\\d+):(\\d+)`).exec(stack);
  if (!match) return undefined;
  const line = Number(match[1]) - lineOffset;
  return line >= 1 ? { line, column: Number(match[2]) } : undefined;
}
