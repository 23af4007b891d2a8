import { BATCH_MAX } from "./limits";
import { FLUSH_MS, Relay } from "./relay";

type Sent = { batch: string[] } | { one: string };

// Jest's fake timers drive both setTimeout and performance.now().
beforeEach(() => jest.useFakeTimers({ now: 1_000 }));
afterEach(() => jest.useRealTimers());

function setup() {
  const sent: Sent[] = [];
  const relay = new Relay<string>(
    (messages) => sent.push({ batch: messages }),
    (message) => sent.push({ one: message }),
  );
  /** Moves the clock on, firing the timers that fall due. */
  const advance = (ms: number) => jest.advanceTimersByTime(ms);
  return { relay, sent, advance, pendingTimers: () => jest.getTimerCount() };
}

describe("Relay (frame → page)", () => {
  it("sends the first output after a quiet spell at once, and what follows within the window in one batch", () => {
    const { relay, sent, advance } = setup();
    relay.output("a");
    expect(sent).toEqual([{ batch: ["a"] }]);
    advance(10);
    relay.output("b");
    relay.output("c");
    expect(sent).toHaveLength(1);
    advance(FLUSH_MS - 10);
    expect(sent).toEqual([{ batch: ["a"] }, { batch: ["b", "c"] }]);
  });

  it("does not hold back the first output line behind a control message such as `started`", () => {
    const { relay, sent, advance } = setup();
    relay.control("started");
    advance(5);
    relay.output("first line");
    expect(sent).toEqual([{ one: "started" }, { batch: ["first line"] }]);
  });

  it("sends queued output before a control message, so `done` never overtakes a line", () => {
    const { relay, sent, advance, pendingTimers } = setup();
    relay.output("a");
    advance(1);
    relay.output("b");
    relay.control("done");
    expect(sent).toEqual([{ batch: ["a"] }, { batch: ["b"] }, { one: "done" }]);
    expect(pendingTimers()).toBe(0);
  });

  it("splits a large queue into batches of at most BATCH_MAX", () => {
    const { relay, sent, advance } = setup();
    relay.output("first");
    for (let i = 0; i < BATCH_MAX + 3; i++) relay.output(`line ${i}`);
    advance(FLUSH_MS);
    const sizes = sent.map((s) => ("batch" in s ? s.batch.length : 0));
    expect(sizes).toEqual([1, BATCH_MAX, 3]);
  });

  it("drops queued output on clear (a stopped run)", () => {
    const { relay, sent, advance } = setup();
    relay.output("a");
    relay.output("late");
    relay.clear();
    advance(FLUSH_MS * 2);
    expect(sent).toEqual([{ batch: ["a"] }]);
  });
});
