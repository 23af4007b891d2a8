// LateWork on real timers: pending timers keep a run open, errors in their callbacks are
// caught and handed over, cleared timers and finished intervals release the run.
import { LateWork } from "./late-errors";

/** A browser-like timer host (numeric ids) over Node's real timers. */
function host() {
  const handles = new Map<number, unknown>();
  let next = 1;
  const add = (h: unknown) => (handles.set(next, h), next++);
  return {
    setTimeout: (fn: TimerHandler, ms?: number, ...args: unknown[]) => add(setTimeout(fn as () => void, ms, ...args)),
    clearTimeout: (id?: number) => clearTimeout(handles.get(id!) as never),
    setInterval: (fn: TimerHandler, ms?: number, ...args: unknown[]) => add(setInterval(fn as () => void, ms, ...args)),
    clearInterval: (id?: number) => clearInterval(handles.get(id!) as never),
  };
}

function setup() {
  const h = host();
  const errors: unknown[] = [];
  const late = new LateWork(h, (e) => errors.push(e));
  return { h, late, errors };
}

it("waits for the timers a run started and reports what their callbacks throw", async () => {
  const { h, late, errors } = setup();
  const log: string[] = [];
  late.begin();
  h.setTimeout(() => log.push("first"), 30);
  h.setTimeout(() => {
    log.push("second");
    h.setTimeout(() => {
      throw new RangeError("late");
    }, 20);
  }, 60);
  const waits: number[] = [];
  const t0 = Date.now();
  await late.settled((n) => waits.push(n));
  late.end();
  expect(Date.now() - t0).toBeGreaterThanOrEqual(75);
  expect(log).toEqual(["first", "second"]);
  expect(errors).toEqual([new RangeError("late")]);
  expect(waits[0]).toBe(2);
  expect(late.pendingCount).toBe(0);
});

it("is released by clearTimeout and clearInterval, and ignores timers started outside a run", async () => {
  const { h, late } = setup();
  const outside = h.setTimeout(() => undefined, 10_000);
  late.begin();
  const never = h.setTimeout(() => undefined, 10_000);
  let ticks = 0;
  const interval = h.setInterval(() => {
    ticks += 1;
    if (ticks === 3) h.clearInterval(interval);
  }, 10);
  expect(late.pendingCount).toBe(2);
  h.clearTimeout(never);
  await late.settled(() => undefined);
  late.end();
  expect(ticks).toBe(3);
  h.clearTimeout(outside);
});

it("lets end() (Stop, time budget) finish a wait on a timer that would never come", async () => {
  const { h, late } = setup();
  late.begin();
  const id = h.setInterval(() => undefined, 5);
  const waiting = late.settled(() => undefined);
  setTimeout(() => late.end(), 50);
  await waiting;
  h.clearInterval(id);
  expect(late.pendingCount).toBe(0);
});
