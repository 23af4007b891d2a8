// Parameters of computed and predict items: keyed draws, {{name}} filled, the key computed.
import { createHmac } from "node:crypto";
import { compile, type EvalFunction } from "mathjs";
import type { z } from "zod";
import type { paramSchema } from "./schema";

export type Param = z.infer<typeof paramSchema>;
export type Params = Record<string, Param>;
export type Values = Record<string, number>;

const PLACEHOLDER = /\{\{\s*([a-zA-Z][a-zA-Z0-9]*)\s*\}\}/g;

/** Decimals a step needs (0.05 → 2), so drawn values print as the author wrote the range. */
export function decimalsOf(step: number): number {
  const text = String(step);
  const exp = /e-(\d+)$/.exec(text);
  if (exp) return Number(exp[1]);
  return text.includes(".") ? text.split(".")[1]!.length : 0;
}

export function valuesOf(p: Param): number[] {
  const n = Math.round((p.max - p.min) / p.step);
  const d = decimalsOf(p.step);
  return Array.from({ length: n + 1 }, (_, k) => Number((p.min + k * p.step).toFixed(d)));
}

/** `seed`: learner, revision, question and round. */
export function drawValues(key: Buffer, seed: string, params: Params): Values {
  const out: Values = {};
  for (const [name, p] of Object.entries(params)) {
    const choices = valuesOf(p);
    const mac = createHmac("sha256", key).update(`param\u0000${seed}\u0000${name}`).digest();
    out[name] = choices[mac.readUInt32BE(0) % choices.length]!;
  }
  return out;
}

/** The corners and middle of the parameter space, for checks at build time. */
export function sampleValues(params: Params): Values[] {
  const names = Object.keys(params);
  const pick = (which: "min" | "mid" | "max") =>
    Object.fromEntries(
      names.map((n) => {
        const all = valuesOf(params[n]!);
        return [n, which === "min" ? all[0]! : which === "max" ? all.at(-1)! : all[Math.floor(all.length / 2)]!];
      }),
    );
  return [pick("min"), pick("mid"), pick("max")];
}

export function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

export function fill(text: string, values: Values, params: Params = {}): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const v = values[name];
    if (v === undefined) return whole;
    const p = params[name];
    return p ? v.toFixed(decimalsOf(p.step)) : String(v);
  });
}

const compiled = new Map<string, EvalFunction>();

/** A number as written, or the formula evaluated by mathjs (no other names). */
export function evaluate(answer: number | string, values: Values): number {
  if (typeof answer === "number") return answer;
  let f = compiled.get(answer);
  if (!f) {
    f = compile(answer);
    compiled.set(answer, f);
  }
  const result: unknown = f.evaluate({ ...values });
  const n = typeof result === "number" ? result : Number(result);
  if (!Number.isFinite(n)) throw new Error(`the formula "${answer}" gives ${String(result)} for ${JSON.stringify(values)}`);
  return n;
}

export function paramProblems(q: {
  params?: Params;
  answer: number | string;
  prompt: string;
  explanation: string;
  code?: string;
}): string[] {
  const params = q.params ?? {};
  const problems: string[] = [];
  for (const [field, text] of [
    ["prompt", q.prompt],
    ["explanation", q.explanation],
    ["code", q.code ?? ""],
  ] as const)
    for (const name of placeholders(text)) if (!(name in params)) problems.push(`${field}: {{${name}}} is not a declared param`);
  if (typeof q.answer === "string") {
    try {
      for (const values of sampleValues(params)) evaluate(q.answer, values);
    } catch (e) {
      problems.push(`answer: ${(e as Error).message}`);
    }
  }
  return problems;
}

/** Accepts a decimal comma ("2,5"). */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(/\s+/g, "");
  const normal = /^[-+]?\d+,\d+$/.test(t) ? t.replace(",", ".") : t;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(normal)) return null;
  const n = Number(normal);
  return Number.isFinite(n) ? n : null;
}

export function withinTolerance(value: number, key: number, tolerance: { abs?: number; rel?: number }): boolean {
  const allowed = Math.max(tolerance.abs ?? 0, (tolerance.rel ?? 0) * Math.abs(key));
  return Math.abs(value - key) <= allowed + 1e-12;
}
