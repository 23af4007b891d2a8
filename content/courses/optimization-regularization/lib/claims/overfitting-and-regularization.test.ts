// Claims of the chapter "Overfitting and Regularization", on cpu and wasm: the cell's 32-32
// network has exactly 1,153 parameters; model.apply(x) runs in inference mode, so a dropout layer
// does nothing unless the call passes { training: true }; and for the cell's model, which has no
// dropout, the flag changes nothing, so the fix leaves the cell's output byte-identical.
import * as tf from "@tensorflow/tfjs";
import { CLAIM_BACKENDS, useBackend } from "../exercises/test-support";
import { network } from "./support";

/** The values of model.apply(x, kwargs) (or model.predict(x) for "predict"). */
const outputOf = (model: tf.Sequential, x: tf.Tensor, how: "apply" | "train" | "predict") =>
  tf.tidy(() =>
    Array.from(
      (how === "predict"
        ? (model.predict(x) as tf.Tensor)
        : (model.apply(x, how === "train" ? { training: true } : {}) as tf.Tensor)
      ).dataSync(),
    ),
  );

describe.each(CLAIM_BACKENDS)("on %s", (backend) => {
  useBackend(backend);
  afterEach(() => tf.disposeVariables());

  it("the cell's network has (1·32 + 32) + (32·32 + 32) + (32·1 + 1) = 1,153 parameters", () => {
    const model = network(false);
    expect(model.countParams()).toBe(1 * 32 + 32 + (32 * 32 + 32) + (32 * 1 + 1));
    expect(model.countParams()).toBe(1153);
    model.dispose();
  });

  it("with dropout, model.apply(x) is inference (deterministic, equal to predict); { training: true } drops units", () => {
    const model = network(true);
    const x = tf.linspace(-2, 2, 64).reshape([64, 1]);
    const inference = outputOf(model, x, "apply");
    expect(outputOf(model, x, "apply")).toEqual(inference);
    expect(outputOf(model, x, "predict")).toEqual(inference);
    const trainingA = outputOf(model, x, "train");
    const trainingB = outputOf(model, x, "train");
    const differs = (a: number[], b: number[]) => a.filter((v, i) => v !== b[i]).length;
    expect(differs(trainingA, inference)).toBeGreaterThan(32);
    expect(differs(trainingA, trainingB)).toBeGreaterThan(32);
    x.dispose();
    model.dispose();
  });

  it("without dropout (the cell's model), { training: true } gives byte-identical output", () => {
    const model = network(false);
    const x = tf.randomUniform([12, 1], -2, 2, "float32", 7);
    expect(outputOf(model, x, "train")).toEqual(outputOf(model, x, "apply"));
    x.dispose();
    model.dispose();
  });
});
