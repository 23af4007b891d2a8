// The claim tests' backend switch works: each block really runs on the backend it names.
import * as tf from "@tensorflow/tfjs";
import { CLAIM_BACKENDS, useBackend } from "../exercises/test-support";

describe.each(CLAIM_BACKENDS)("on %s", (backend) => {
  useBackend(backend);
  it("tfjs reports that backend and computes on it", () => {
    expect(tf.getBackend()).toBe(backend);
    expect(Array.from(tf.tidy(() => tf.tensor1d([1, 2, 3]).square().dataSync()))).toEqual([1, 4, 9]);
  });
});
