// What the exercise checkers share: the verdict they return, its ✓/✗ collector, a seeded PRNG for
// fixed test data, and small helpers for calling learner code. Only the chapter files import it:
// lib/index.ts re-exports the type CheckResult, none of the helpers.
import * as tf from "@tensorflow/tfjs";

/** Mulberry32, uniform in [0, 1) from a 32-bit seed: a check tests the same data on every run. The platform's own generator. */
export { mulberry32 } from "@/lib/random";

/** What a course checker returns: every message starts with "✓ " or "✗ ". */
export type CheckResult = { ok: boolean; messages: string[] };

/** Collects ✓/✗ lines in order; a single ✗ makes the verdict a fail. An exact repeat of a ✗ line is left out. */
export function collector() {
  const messages: string[] = [];
  let ok = true;
  const fail = (m: string) => {
    ok = false;
    if (!messages.includes(`✗ ${m}`)) messages.push(`✗ ${m}`);
  };
  const result = (): CheckResult => ({ ok, messages });
  return {
    pass: (m: string) => messages.push(`✓ ${m}`),
    fail,
    result,
    /** Fails with `m` and returns the verdict: for a check that cannot go on. */
    stop: (m: string) => {
      fail(m);
      return result();
    },
  };
}

export type Collector = ReturnType<typeof collector>;

/** n values, each of magnitude in [lo, hi] with a random sign (Math.random: the runner seeds it). */
export function signedUniform(n: number, lo: number, hi: number): Float32Array {
  return Float32Array.from({ length: n }, () => (lo + (hi - lo) * Math.random()) * (Math.random() < 0.5 ? -1 : 1));
}

/** a[i], where i is in range by construction (a slip throws instead of going on with undefined). */
export function valueAt<T>(a: ArrayLike<T>, i: number): T {
  const v = a[i];
  if (v === undefined) throw new RangeError(`index ${i} is outside ${a.length} values`);
  return v;
}

export const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((n, i) => n === b[i]);
export const shapeText = (s: readonly number[]) => `[${s.join(", ")}]`;
export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
/** What a learner's function returned instead of the expected form, for a message. */
export const kindOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v);

/**
 * Calls learner code inside tf.tidy, so the tensors it makes on the way are freed; only those
 * `keep` picks from its result survive (the caller frees them, see disposeReturned).
 */
export function tidyCall<T>(run: () => T, keep: (out: T) => tf.Tensor[]): T {
  let out: T | undefined;
  tf.tidy(() => {
    out = run();
    return keep(out);
  });
  return out as T; // assigned inside the tidy callback, which TypeScript cannot follow
}

/** Frees the tensors a learner returned, except the checker's own inputs (which it frees itself). */
export function disposeReturned(returned: readonly unknown[], inputs: readonly tf.Tensor[]) {
  for (const t of returned) if (t instanceof tf.Tensor && !inputs.includes(t) && !t.isDisposed) t.dispose();
}
