// The with/without-dropout experiment: the same seeded MLP trained twice on noisy two-moons data,
// once with dropout after each hidden layer and once without. Runs on any tfjs backend: the lab
// worker (browser, wasm) and the claim test (jest, cpu) share this code.
import * as tf from "@tensorflow/tfjs";
import { experimentData } from "./data";
import { MOONS_DOMAIN, type Points } from "./moons";
import type { ExperimentConfig } from "./schema";

export type Checkpoint = {
  epoch: number;
  /** Cross-entropy on the training set with dropout off (what the model has learned). */
  trainLoss: number;
  /** Cross-entropy on the training set with dropout on, same weights (noisier and higher). */
  trainLossDropoutOn: number;
  valLoss: number;
  trainAcc: number;
  valAcc: number;
};

const LEARNING_RATE = 0.01;
/** Masks the dropout-on training loss is averaged over at a checkpoint. */
const MASKS = 8;

/** Two hidden layers of the same width. Weights are seeded, so both runs start identical. */
class Mlp {
  private readonly weights: tf.Variable[];

  constructor(hidden: number, seed: number) {
    // He-uniform weights for ReLU, zero biases. tidy frees the initial values (variables stay).
    const layer = (fanIn: number, fanOut: number, s: number) =>
      tf.tidy(() => {
        const limit = Math.sqrt(6 / fanIn);
        return [tf.variable(tf.randomUniform([fanIn, fanOut], -limit, limit, "float32", s)), tf.variable(tf.zeros([fanOut]))];
      });
    this.weights = [...layer(2, hidden, seed), ...layer(hidden, hidden, seed + 1), ...layer(hidden, 1, seed + 2)];
  }

  /**
   * Logits for x. Shape: x [batch, 2] → [batch]. With `dropout`, each hidden layer's output is
   * dropped with that rate (inverted scaling, fresh mask per call; `maskSeed` makes it repeatable).
   */
  logits(x: tf.Tensor2D, dropout?: { rate: number; maskSeed: number }): tf.Tensor1D {
    const [w1, b1, w2, b2, w3, b3] = this.weights as [tf.Variable, tf.Variable, tf.Variable, tf.Variable, tf.Variable, tf.Variable];
    const drop = (h: tf.Tensor, k: number) => (dropout ? tf.dropout(h, dropout.rate, undefined, dropout.maskSeed * 2 + k) : h);
    let h: tf.Tensor = drop(tf.relu(tf.add(tf.matMul(x, w1), b1)), 0);
    h = drop(tf.relu(tf.add(tf.matMul(h as tf.Tensor2D, w2), b2)), 1);
    return tf.add(tf.matMul(h as tf.Tensor2D, w3), b3).reshape([-1]) as tf.Tensor1D;
  }

  dispose() {
    tf.dispose(this.weights);
  }
}

type Tensors = { x: tf.Tensor2D; y: tf.Tensor1D };
const toTensors = (p: Points): Tensors => ({ x: tf.tensor2d(p.xs, [p.n, 2]), y: tf.tensor1d(Float32Array.from(p.labels)) });

function lossAndAccuracy(logits: tf.Tensor1D, y: tf.Tensor1D): [tf.Scalar, tf.Scalar] {
  const loss = tf.losses.sigmoidCrossEntropy(y, logits) as tf.Scalar;
  const accuracy = tf.mean(tf.cast(tf.equal(tf.cast(tf.greater(logits, 0), "float32"), y), "float32")) as tf.Scalar;
  return [loss, accuracy];
}

/** One model's training run: a step per epoch (full batch), checkpoints on demand. */
export class TrainingRun {
  private readonly model: Mlp;
  private readonly optimizer: tf.Optimizer;
  private steps = 0;

  constructor(
    private readonly data: { train: Tensors; val: Tensors },
    private readonly config: ExperimentConfig,
    /** Dropout rate for this run; 0 trains the plain network. */
    readonly rate: number,
  ) {
    this.model = new Mlp(config.hidden, config.seed * 7919);
    this.optimizer = tf.train.adam(LEARNING_RATE);
  }

  /** One full-batch Adam step (dropout on in the dropout run). */
  step() {
    this.steps += 1;
    const maskSeed = this.config.seed * 1_000_003 + this.steps;
    this.optimizer.minimize(() => {
      const { x, y } = this.data.train;
      const logits = this.model.logits(x, this.rate > 0 ? { rate: this.rate, maskSeed } : undefined);
      return tf.losses.sigmoidCrossEntropy(y, logits) as tf.Scalar;
    });
  }

  /**
   * Losses and accuracies with the current weights. The dropout-on loss uses a fresh mask on these
   * same weights (not the step's own loss, which `minimize` reports from before its update).
   */
  checkpoint(epoch: number): Checkpoint {
    const maskSeed = this.config.seed * 1_000_003 - this.steps;
    const [trainLoss, trainAcc, valLoss, valAcc, trainLossDropoutOn] = tf.tidy(() => {
      const { x, y } = this.data.train;
      const [tl, ta] = lossAndAccuracy(this.model.logits(x), y);
      const [vl, va] = lossAndAccuracy(this.model.logits(this.data.val.x), this.data.val.y);
      // Averaged over MASKS masks (the training set tiled), so one unlucky mask does not decide it.
      const tiled = () => lossAndAccuracy(this.model.logits(tf.tile(x, [MASKS, 1]), { rate: this.rate, maskSeed }), tf.tile(y, [MASKS]))[0];
      const on = this.rate > 0 ? tiled() : tl;
      return tf.stack([tl, ta, vl, va, on]).dataSync();
    }) as unknown as number[];
    return {
      epoch,
      trainLoss: trainLoss!,
      trainLossDropoutOn: trainLossDropoutOn!,
      valLoss: valLoss!,
      trainAcc: trainAcc!,
      valAcc: valAcc!,
    };
  }

  /** P(class 1) on a size × size grid over MOONS_DOMAIN, row by row from the top (y max). */
  grid(size: number): Float32Array {
    return tf.tidy(() => {
      const points = new Float32Array(size * size * 2);
      const [x0, x1] = MOONS_DOMAIN.x;
      const [y0, y1] = MOONS_DOMAIN.y;
      for (let row = 0; row < size; row += 1) {
        for (let col = 0; col < size; col += 1) {
          const i = row * size + col;
          points[2 * i] = x0 + ((col + 0.5) / size) * (x1 - x0);
          points[2 * i + 1] = y1 - ((row + 0.5) / size) * (y1 - y0);
        }
      }
      return tf.sigmoid(this.model.logits(tf.tensor2d(points, [size * size, 2]))).dataSync() as Float32Array;
    });
  }

  dispose() {
    this.model.dispose();
    this.optimizer.dispose();
  }
}

export type ExperimentEvents = {
  /** After every `evalEvery` epochs (and the last): both runs' figures; grids when asked for. */
  onCheckpoint?: (update: {
    epoch: number;
    plain: Checkpoint;
    dropout: Checkpoint;
    grids?: { plain: Float32Array; dropout: Float32Array };
  }) => void | Promise<void>;
  /** Checked between epochs; true ends the run early. */
  shouldStop?: () => boolean;
  /** Grid resolution for decision boundaries (0: none). */
  gridSize?: number;
  /** Send grids every this many checkpoints (boundaries change slowly). */
  gridEvery?: number;
};

export type ExperimentResult = { plain: Checkpoint; dropout: Checkpoint; epochs: number; stopped: boolean };

/**
 * Trains both models side by side, epoch by epoch, so their curves grow together. Awaits the
 * checkpoint callback, which lets a worker yield to its message loop (and notice Stop).
 */
export async function runExperiment(config: ExperimentConfig, events: ExperimentEvents = {}): Promise<ExperimentResult> {
  const points = experimentData(config);
  const data = { train: toTensors(points.train), val: toTensors(points.val) };
  const plain = new TrainingRun(data, config, 0);
  const dropout = new TrainingRun(data, config, config.rate);
  const { gridSize = 0, gridEvery = 3 } = events;
  let last: ExperimentResult | undefined;
  try {
    let checkpoints = 0;
    for (let epoch = 1; epoch <= config.epochs; epoch += 1) {
      if (events.shouldStop?.()) {
        return {
          ...(last ?? { plain: plain.checkpoint(epoch - 1), dropout: dropout.checkpoint(epoch - 1), epochs: epoch - 1 }),
          stopped: true,
        };
      }
      const checkpoint = epoch % config.evalEvery === 0 || epoch === config.epochs;
      plain.step();
      dropout.step();
      if (checkpoint) {
        const update = { epoch, plain: plain.checkpoint(epoch), dropout: dropout.checkpoint(epoch) };
        checkpoints += 1;
        const wantGrid = gridSize > 0 && (checkpoints % gridEvery === 1 || gridEvery === 1 || epoch === config.epochs);
        last = { ...update, epochs: epoch, stopped: false };
        await events.onCheckpoint?.(
          wantGrid ? { ...update, grids: { plain: plain.grid(gridSize), dropout: dropout.grid(gridSize) } } : update,
        );
      }
    }
    return last!;
  } finally {
    plain.dispose();
    dropout.dispose();
    tf.dispose([data.train.x, data.train.y, data.val.x, data.val.y]);
  }
}
