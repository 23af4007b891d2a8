// DropoutMLP: the TypeScript/tfjs twin of the lesson's PyTorch model, built from tfjs layers.
import * as tf from "@tensorflow/tfjs";
import { assertDropoutRate } from "./rate";

/**
 * Dense(input → hidden) → ReLU → Dropout(rate) → Dense(hidden → output).
 *
 * Like a PyTorch module it has a mode: `train()` switches dropout on, `eval()` switches it off.
 * (A tfjs layer has no mode of its own; each call takes a `training` flag, which we pass.)
 * A new model starts in train mode, as in PyTorch.
 */
export class DropoutMLP {
  readonly fc1: tf.layers.Layer;
  readonly dropout: tf.layers.Layer;
  readonly fc2: tf.layers.Layer;
  private training = true;

  constructor(
    readonly inputSize: number,
    readonly hiddenSize: number,
    readonly outputSize: number,
    readonly rate = 0.5,
  ) {
    for (const [name, n] of [
      ["inputSize", inputSize],
      ["hiddenSize", hiddenSize],
      ["outputSize", outputSize],
    ] as const) {
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`${name} must be a positive integer, got ${String(n)}`);
    }
    assertDropoutRate(rate);
    this.fc1 = tf.layers.dense({ inputShape: [inputSize], units: hiddenSize, activation: "relu" });
    this.dropout = tf.layers.dropout({ rate });
    this.fc2 = tf.layers.dense({ units: outputSize });
  }

  /** Dropout on (like PyTorch's model.train()). */
  train(): this {
    this.training = true;
    return this;
  }

  /** Dropout off: the dropout layer is the identity (like PyTorch's model.eval()). */
  eval(): this {
    this.training = false;
    return this;
  }

  get isTraining(): boolean {
    return this.training;
  }

  /** Hidden activations after ReLU and (in train mode) dropout. Shape: [batch, hiddenSize]. */
  hidden(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const h = this.fc1.apply(x) as tf.Tensor2D;
      return this.dropout.apply(h, { training: this.training }) as tf.Tensor2D;
    });
  }

  /** Shape: [batch, inputSize] → [batch, outputSize]. */
  forward(x: tf.Tensor2D): tf.Tensor2D {
    if (x.rank !== 2 || x.shape[1] !== this.inputSize) {
      throw new Error(`forward expects a [batch, ${this.inputSize}] tensor, got [${x.shape.join(", ")}]`);
    }
    return tf.tidy(() => this.fc2.apply(this.hidden(x)) as tf.Tensor2D);
  }

  /** Frees the weights (tfjs does not garbage-collect GPU memory). */
  dispose(): void {
    for (const layer of [this.fc1, this.fc2]) for (const w of layer.getWeights()) w.dispose();
  }
}
