// Formatting console arguments for the output panel, including real tfjs tensors.
import * as tf from "@tensorflow/tfjs";
import { formatArgs, formatTensor, MAX_TEXT } from "./format";

beforeAll(async () => {
  tf.env().set("IS_TEST", true); // no "install tfjs-node" advice in test output
  await tf.setBackend("cpu");
});

describe("formatArgs", () => {
  it.each<[unknown[], string]>([
    [["text", 1, true, null, undefined], "text 1 true null undefined"],
    [[-0, NaN, 10n], "-0 NaN 10n"],
    [[[1, "a", [2, [3, [4]]]]], '[1, "a", [2, [3, [Array]]]]'],
    [[{ a: 1, "b-c": "x", nested: { d: [] } }], '{ a: 1, "b-c": "x", nested: { d: [] } }'],
    [[new Map([["k", 1]])], 'Map(1) {"k" => 1}'],
    [[new Set([1, 2])], "Set(2) {1, 2}"],
    [[new Float32Array([0.5, 1])], "Float32Array(2) [0.5, 1]"],
    [[new RangeError("bad rate")], "RangeError: bad rate"],
    [[function named() {}], "[Function named]"],
  ])("formats %p", (args, expected) => {
    expect(formatArgs(args)).toBe(expected);
  });

  it("marks circular references", () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = a;
    expect(formatArgs([a])).toBe("{ x: 1, self: [Circular] }");
  });

  it("truncates long arrays and long text", () => {
    expect(formatArgs([Array.from({ length: 150 }, (_, i) => i)])).toMatch(/, 99, … 50 more\]$/);
    const long = formatArgs(["x".repeat(MAX_TEXT + 5)]);
    expect(long).toMatch(/… \(5 more characters\)$/);
  });
});

describe("formatTensor", () => {
  it("shows dtype, shape and the values like tensor.print()", () => {
    const t = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    expect(formatArgs([t])).toBe("Tensor float32 [2, 2]\n    [[1, 2],\n     [3, 4]]");
    t.dispose();
  });

  it("elides the middle of large tensors", () => {
    const t = tf.range(0, 1000);
    const text = formatTensor(t);
    expect(text.split("\n")[0]).toBe("Tensor float32 [1000]");
    expect(text).toContain("...");
    expect(text.length).toBeLessThan(200);
    t.dispose();
  });

  it("says when a tensor was disposed", () => {
    const t = tf.scalar(3, "int32");
    t.dispose();
    expect(formatTensor(t)).toBe("Tensor int32 [] (disposed)");
  });

  it("formats tensors inside other values", () => {
    const t = tf.tensor1d([1, 2]);
    expect(formatArgs(["x =", t])).toBe("x = Tensor float32 [2]\n    [1, 2]");
    t.dispose();
  });
});
