// Parameters: values on the author's grid, stable per seed, placeholders filled, keys computed.
import { decimalsOf, drawValues, evaluate, fill, paramProblems, parseNumber, valuesOf, withinTolerance } from "./params";

const key = Buffer.alloc(32, 3);
const params = { h: { min: 0.5, max: 3, step: 0.1 }, p: { min: 0.1, max: 0.6, step: 0.05 } };

it("draws values on the grid, the same for the same seed and varied across seeds", () => {
  const a = drawValues(key, "learner|rev|1|q", params);
  expect(drawValues(key, "learner|rev|1|q", params)).toEqual(a);
  expect(valuesOf(params.h)).toContain(a.h);
  expect(valuesOf(params.p)).toContain(a.p);
  const seen = new Set(Array.from({ length: 50 }, (_, r) => JSON.stringify(drawValues(key, `learner|rev|${r}|q`, params))));
  expect(seen.size).toBeGreaterThan(40);
});

it("prints values with the step's decimals and computes the key", () => {
  expect(decimalsOf(0.05)).toBe(2);
  expect(valuesOf({ min: 0.1, max: 0.3, step: 0.1 })).toEqual([0.1, 0.2, 0.3]);
  expect(fill("h = {{h}}, p = {{ p }}", { h: 1.8, p: 0.3 }, params)).toBe("h = 1.8, p = 0.30");
  expect(evaluate("h^2 * p / (1 - p)", { h: 1.8, p: 0.3 })).toBeCloseTo((1.8 ** 2 * 0.3) / 0.7, 12);
  expect(evaluate(4, {})).toBe(4);
});

it("reports undeclared placeholders and formulas that fail at the corners", () => {
  expect(paramProblems({ params, answer: "h * p", prompt: "{{h}} {{x}}", explanation: "" })).toEqual([
    "prompt: {{x}} is not a declared param",
  ]);
  expect(paramProblems({ params: { p: { min: 0, max: 1, step: 0.5 } }, answer: "1 / (1 - p)", prompt: "", explanation: "" })[0]).toMatch(
    /gives Infinity/,
  );
  expect(paramProblems({ params, answer: "h * q", prompt: "", explanation: "" })[0]).toMatch(/answer:/);
});

it("parses what learners type, and checks tolerances", () => {
  expect(parseNumber(" 0.25 ")).toBe(0.25);
  expect(parseNumber("2,5")).toBe(2.5);
  expect(parseNumber("-1.5e-3")).toBe(-0.0015);
  expect(parseNumber(".5")).toBe(0.5);
  for (const bad of ["", "abc", "1/3", "1,000.5", "Infinity", "0x10"]) expect(parseNumber(bad)).toBeNull();
  expect(withinTolerance(1.02, 1, { rel: 0.02 })).toBe(true);
  expect(withinTolerance(1.03, 1, { rel: 0.02 })).toBe(false);
  expect(withinTolerance(0.004, 0, { abs: 0.005 })).toBe(true);
});
