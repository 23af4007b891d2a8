// The API exercise cells import as "@lbr/check": hands a course checker's verdict to the page,
// which shows it under the exercise and records a pass (self-checked: it runs in the browser).
//
//   import { check } from "@lbr/check";
//   import { checkSgdStep } from "course/dropout";
//   await check(checkSgdStep(sgdStep));

/** What a course checker returns: every message starts with "✓ " or "✗ ". */
export type CheckResult = { ok: boolean; messages: string[] };

export type Verdict = { ok: boolean; messages: string[] };

let sink: ((verdict: Verdict) => void) | null = null;

/** The runner connects checks to the page for one run (null: not running; verdicts go to the console). */
export function connectCheck(send: ((verdict: Verdict) => void) | null) {
  sink = send;
}

/** Reports a checker's result to the page; resolves to whether the check passed. */
export async function check(result: CheckResult | Promise<CheckResult>): Promise<boolean> {
  const { ok, messages } = await result;
  if (typeof ok !== "boolean" || !Array.isArray(messages))
    throw new TypeError("check() takes the result of a course checker: { ok, messages }");
  const verdict = { ok, messages: messages.map(String) };
  if (sink) sink(verdict);
  else for (const m of verdict.messages) console.log(m);
  return ok;
}
