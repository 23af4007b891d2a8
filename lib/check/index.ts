// "@lbr/check": `await check(checkSgdStep(sgdStep))` hands a checker's verdict to the page.

/** Every message starts with "✓ " or "✗ ". */
export type CheckResult = { ok: boolean; messages: string[] };

export type Verdict = { ok: boolean; messages: string[] };

let sink: ((verdict: Verdict) => void) | null = null;

/** For one run; null sends verdicts to the console. */
export function connectCheck(send: ((verdict: Verdict) => void) | null) {
  sink = send;
}

export async function check(result: CheckResult | Promise<CheckResult>): Promise<boolean> {
  const { ok, messages } = await result;
  if (typeof ok !== "boolean" || !Array.isArray(messages))
    throw new TypeError("check() takes the result of a course checker: { ok, messages }");
  const verdict = { ok, messages: messages.map(String) };
  if (sink) sink(verdict);
  else for (const m of verdict.messages) console.log(m);
  return ok;
}
