// Explanations for tfjs errors, read from the messages real tfjs (cpu) throws today.
import * as tf from "@tensorflow/tfjs";
import { explainError } from "./explain";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

function messageOf(op: () => unknown): string {
  try {
    tf.tidy(() => void op());
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("the op did not throw");
}

it.each([
  [
    "matMul",
    () => tf.matMul(tf.ones([2, 3]), tf.ones([4, 5])),
    "Shape mismatch in matMul: a is [2, 3] and b is [4, 5]; the inner sizes must be equal (3 ≠ 4). For a × b, the last size of a must equal the first size of b.",
  ],
  [
    "matMul, transposed",
    () => tf.matMul(tf.ones([3, 2]), tf.ones([4, 5]), true),
    "Shape mismatch in matMul: a is [3, 2] and b is [4, 5]; the inner sizes must be equal (3 ≠ 4). For a × b, the last size of a must equal the first size of b (after the transposes you asked for).",
  ],
  [
    "add",
    () => tf.add(tf.ones([2, 3]), tf.ones([4, 5])),
    "Shape mismatch: [2, 3] and [4, 5] cannot be combined element-wise; compared from the right, each pair of sizes must be equal or one of them 1.",
  ],
  [
    "mul (method)",
    () => tf.ones([2, 3]).mul(tf.ones([3, 2])),
    "Shape mismatch: [2, 3] and [3, 2] cannot be combined element-wise; compared from the right, each pair of sizes must be equal or one of them 1.",
  ],
  ["reshape", () => tf.ones([2, 3]).reshape([4, 2]), "reshape keeps every value: a tensor of 6 values cannot become [4, 2] (8 values)."],
  [
    "concat",
    () => tf.concat([tf.ones([2, 3]), tf.ones([2, 4])], 0),
    "Shape mismatch in concat: tensors[1] is [2, 4] but the others are [2, 3]; all sizes must agree except along the axis you join on.",
  ],
  [
    "model input",
    () => tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3] })] }).predict(tf.ones([2, 4])),
    "Shape mismatch: the model expects inputs of shape [null, 3] (null = any batch size) but got [2, 4].",
  ],
])("explains %s", (_name, op, expected) => {
  expect(explainError(messageOf(op))).toBe(expected);
});

it("says nothing about other errors", () => {
  expect(explainError("m.forward is not a function")).toBeUndefined();
  expect(explainError("")).toBeUndefined();
});
