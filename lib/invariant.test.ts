// Invariants throw a message that names what broke, and pass values through untouched.
import { defined, invariant } from "./invariant";

it("invariant passes a truthy condition and throws a named error on a falsy one", () => {
  expect(() => invariant(1 > 0, "one is positive")).not.toThrow();
  expect(() => invariant(0, "zero is truthy")).toThrow("Invariant failed: zero is truthy");
  expect(() => invariant(null, "a value")).toThrow("Invariant failed: a value");
});

it("defined returns the value, including falsy ones, and throws only on undefined", () => {
  expect(defined(0, "a count")).toBe(0);
  expect(defined("", "a name")).toBe("");
  expect(defined(null, "a row")).toBeNull();
  expect(() => defined([1, 2][2], "the third item")).toThrow("Invariant failed: the third item is missing");
});
