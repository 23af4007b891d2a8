// The per-run output budget: lines, messages and characters, whatever the source.
import { OutputBudget, RUN_LIMITS } from "./limits";

const line = { type: "console" };
const chart = { type: "chart-append" };

describe("OutputBudget", () => {
  it("lets the first 1,000 console lines through, then drops lines but not other messages", () => {
    const budget = new OutputBudget();
    for (let i = 0; i < RUN_LIMITS.lines; i++) expect(budget.allow(line, 10)).toBe(true);
    expect(budget.truncated).toBe(false);
    expect(budget.allow(line, 10)).toBe(false);
    expect(budget.truncated).toBe(true);
    expect(budget.allow({ type: "error" }, 100)).toBe(true);
  });

  it("caps messages of any kind (a chart-update flood)", () => {
    const budget = new OutputBudget();
    let passed = 0;
    for (let i = 0; i < 10_000; i++) if (budget.allow(chart, 10)) passed++;
    expect(passed).toBe(RUN_LIMITS.messages);
    expect(budget.truncated).toBe(true);
  });

  it("caps characters: a few huge messages cannot exceed the run's total", () => {
    const budget = new OutputBudget();
    let chars = 0;
    for (let i = 0; i < 100; i++) if (budget.allow(line, 30_000)) chars += 30_000;
    expect(chars).toBeLessThanOrEqual(RUN_LIMITS.chars);
    expect(chars).toBeGreaterThan(RUN_LIMITS.chars - 30_000);
    // A small message still fits after a big one was refused.
    expect(budget.allow({ type: "error" }, 10)).toBe(true);
  });
});
