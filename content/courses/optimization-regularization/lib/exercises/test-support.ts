// What the checkers' tests share: tfjs on the cpu backend, and assertions on a CheckResult and on
// leaked tensors. Not a *.test.ts file (jest does not run it) and not exported by lib/index.ts.
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import path from "node:path";
import type { CheckResult } from "./checking";

/** Runs the file's tests on real tfjs, cpu backend (IS_TEST: no "install tfjs-node" advice in the output). */
export function setUpTfjsCpu() {
  beforeAll(async () => {
    tf.env().set("IS_TEST", true);
    await tf.setBackend("cpu");
    await tf.ready();
  });
}

/** The backends a claim test runs on: learners run WebGL or, without it, wasm; cpu is the reference. */
export const CLAIM_BACKENDS = ["cpu", "wasm"] as const;

let wasmPathsSet = false;

/** Switches the enclosing describe block's tests to `backend` (use inside describe.each(CLAIM_BACKENDS)). */
export function useBackend(backend: (typeof CLAIM_BACKENDS)[number]) {
  beforeAll(async () => {
    tf.env().set("IS_TEST", true); // no "install tfjs-node" advice on the first cpu tensor
    if (backend === "wasm" && !wasmPathsSet) {
      const dist = path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"));
      setWasmPaths(`${dist}/`);
      wasmPathsSet = true;
    }
    await tf.setBackend(backend);
    await tf.ready();
    tf.dispose(tf.scalar(0));
    // IS_TEST also checks every kernel for leaked data ids: it slows cpu and misfires on wasm under a
    // gradient tape (fusedMatMul). Claim tests count tensors themselves instead.
    tf.env().set("IS_TEST", false);
  });
}

/** The ✗ lines of a verdict, one per line ("" if none). */
export const failures = (r: CheckResult) => r.messages.filter((m) => m.startsWith("✗ ")).join("\n");

/** A passing verdict: ok, and every line a ✓. */
export function expectAccepted(r: CheckResult) {
  expect(r.messages.filter((m) => !m.startsWith("✓ "))).toEqual([]);
  expect(r.ok).toBe(true);
}

/** A failing verdict whose ✗ lines match `named`. */
export function expectRejected(r: CheckResult, named: RegExp) {
  expect(r.ok).toBe(false);
  expect(failures(r)).toMatch(named);
}

/** Runs a check and asserts it leaves no tensors behind, whatever the verdict, and that every line is a ✓ or a ✗. */
export async function leakFree(run: () => CheckResult | Promise<CheckResult>): Promise<CheckResult> {
  const before = tf.memory().numTensors;
  const result = await run();
  expect(tf.memory().numTensors).toBe(before);
  for (const m of result.messages) expect(m).toMatch(/^[✓✗] /);
  return result;
}

/**
 * Gives a checker a function that makes a tensor, then throws: the verdict must be a ✗ naming the
 * error, not a throw, and the tensor must be freed.
 */
export async function expectThrowReported(check: (fn: () => never) => CheckResult | Promise<CheckResult>) {
  const throwing = () => {
    tf.zeros([2]);
    throw new Error("boom");
  };
  expectRejected(await leakFree(() => check(throwing)), /your function threw: boom/);
}
