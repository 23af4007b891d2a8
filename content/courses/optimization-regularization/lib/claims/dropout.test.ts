// Claims the Dropout chapter (regularization-techniques/dropout.mdx) makes, checked on real tfjs
// on every claim backend: what tfjs's dropout layers do (inverted scaling, seeds, noiseShape,
// Gaussian dropout, dtype errors), the mathematics the text states (variance, the L2 penalty, the
// geometric mean), and every number the prose says a cell prints. Cells run through the runner's
// own executor on the backend under test, for their own seed and a few others, so a claim cannot
// rest on one lucky draw.
import * as tf from "@tensorflow/tfjs";
import fs from "node:fs";
import path from "node:path";
import { executeCell } from "@/lib/runner/execute";
import { PLATFORM_MODULES } from "@/lib/runner/modules";
import { lessonCells } from "@/tests/support/lesson-cells";
import { numberAfter } from "@/tests/support/run-lesson-cell";
import * as course from "../index";
import { CLAIM_BACKENDS, useBackend } from "../exercises/test-support";

const CHAPTER = path.resolve(__dirname, "../../regularization-techniques/dropout.mdx");
const CELLS = new Map(lessonCells(CHAPTER).map((c) => [c.id, c]));

/** The code and seed of one of the chapter's cells. */
function cell(id: string) {
  const found = CELLS.get(id);
  if (!found) throw new Error(`no cell "${id}" in ${CHAPTER}`);
  return found;
}

/** The source of the chapter's ```ts listing titled `title` (listings are not cells). */
function listing(title: string): string {
  const text = fs.readFileSync(CHAPTER, "utf8");
  const start = text.indexOf(`\`\`\`ts title="${title}"`);
  if (start < 0) throw new Error(`no listing "${title}"`);
  const body = text.indexOf("\n", start) + 1;
  return text.slice(body, text.indexOf("\n```\n", body) + 1);
}

/** `code` with `from` replaced by `to`; throws if `from` is not there, so an edit to a cell cannot silently void a test. */
function patched(code: string, from: string, to: string): string {
  if (!code.includes(from)) throw new Error(`the cell no longer contains: ${from}`);
  return code.replace(from, to);
}

type Run = { text: string; error?: unknown; tensorsLeft: number };

/** Runs code as a cell on the current backend (tests/support's runCell always switches to cpu). */
async function runOnBackend(code: string, seed: number | undefined): Promise<Run> {
  const lines: string[] = [];
  const out = (...args: unknown[]) =>
    void lines.push(args.map((a) => (typeof a === "string" ? a : a instanceof tf.Tensor ? a.toString() : JSON.stringify(a))).join(" "));
  // Like the sandbox, send tensor.print() to the cell's console.
  const print = tf.Tensor.prototype.print;
  tf.Tensor.prototype.print = function (this: tf.Tensor) {
    out(this);
  };
  const result = await executeCell({
    code,
    seed,
    modules: { ...PLATFORM_MODULES, "course/dropout": course },
    console: { log: out, info: out, debug: out, warn: out, error: out },
  }).finally(() => {
    tf.Tensor.prototype.print = print;
  });
  if (result.kind === "syntax") throw new Error(`syntax error: ${result.error.message}`);
  return { text: lines.join("\n"), error: result.error, tensorsLeft: result.tensorsLeft };
}

/** Runs code as a cell and returns what it printed; fails on an error or a leaked tensor. */
async function printed(code: string, seed: number | undefined): Promise<string> {
  const run = await runOnBackend(code, seed);
  if (run.error) throw run.error;
  expect(run.tensorsLeft).toBe(0);
  return run.text;
}

/** The cell's own seed first, then others: the prose must hold for any of them. */
const seedsFor = (id: string, others: number[]) => [cell(id).seed, ...others];

/** Standard normal distribution function (Abramowitz–Stegun 7.1.26, error < 1.5e-7). */
function phi(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

jest.setTimeout(120_000);

describe.each(CLAIM_BACKENDS)("on %s", (backend) => {
  useBackend(backend);
  afterEach(() => tf.disposeVariables());

  describe("the mechanism", () => {
    it.each([0.2, 0.5, 0.8])("tf.layers.dropout at rate %p keeps the mean h and has variance h²·p/(1 − p)", (p) => {
      const h = 1.5;
      const [mean, variance] = tf.tidy(() => {
        const out = tf.layers.dropout({ rate: p, seed: 3 }).apply(tf.fill([400_000], h), { training: true }) as tf.Tensor;
        const m = tf.moments(out);
        return [m.mean.asScalar().arraySync(), m.variance.asScalar().arraySync()];
      });
      const theory = (h * h * p) / (1 - p);
      expect(Math.abs(mean - h) / h).toBeLessThan(0.02);
      expect(Math.abs(variance - theory) / theory).toBeLessThan(0.03);
    });

    it.each([
      ["dropout", () => tf.layers.dropout({ rate: 0.5 })],
      ["gaussianDropout", () => tf.layers.gaussianDropout({ rate: 0.5 })],
    ])("the %s layer is the identity at inference (training: false, also the default)", (_, makeLayer) => {
      const same = tf.tidy(() => {
        const x = tf.randomNormal([50, 20], 0, 1, "float32", 4);
        const layer = makeLayer();
        return [layer.apply(x, { training: false }), layer.apply(x)].map((t) =>
          tf
            .equal(t as tf.Tensor, x)
            .all()
            .asScalar()
            .arraySync(),
        );
      });
      expect(same).toEqual([1, 1]);
    });

    it.each([1, 2, 3])(
      "inverted-dropout (seed %p): about 30% zeroed, survivors 1/0.7 ≈ 1.4286, mean close to 1, inference unchanged",
      async (seed) => {
        const text = await printed(cell("inverted-dropout").code, seed);
        expect(Math.abs(numberAfter(text, "fraction zeroed:") - 0.3)).toBeLessThan(0.005);
        expect(text).toContain("kept values, min and max: 1.4286 1.4286");
        expect(Math.abs(numberAfter(text, "mean of the output:") - 1)).toBeLessThan(0.01);
        expect(text).toContain("inference returns the input unchanged: true");
      },
    );

    it.each([7, 1, 2])(
      "from-scratch (seed %p): the hand-written dropout and the layer zero about half and keep the value 2",
      async (seed) => {
        const text = await printed(cell("from-scratch").code, seed);
        const [ours, theirs] = [numberAfter(text, "share zeroed  ours:"), numberAfter(text, "tf.layers.dropout:")];
        for (const share of [ours, theirs]) expect(Math.abs(share - 0.5)).toBeLessThan(0.01);
        expect(text).toMatch(/^kept value +ours: 2 +tf\.layers\.dropout: 2$/m);
      },
    );

    it.each([undefined, 1, 2])("train-vs-eval (seed %p): two passes differ in train mode and repeat exactly in eval mode", async (seed) => {
      const text = await printed(cell("train-vs-eval").code, seed);
      expect(text).toContain("train mode, two passes identical? false");
      expect(text).toContain("eval mode, two passes identical? true");
    });
  });

  describe("variance shift", () => {
    it.each(seedsFor("variance-shift", [1, 2]))(
      "variance-shift (seed %p): training variance σ² + (σ² + μ²)·p/(1 − p) = 3, inference std ratio √(1/3)",
      async (seed) => {
        const text = await printed(cell("variance-shift").code, seed);
        const trainVar = Number(/variance {2}training (-?[\d.]+)/.exec(text)?.[1]);
        const testVar = Number(/variance {2}training [\d.]+ {3}inference (-?[\d.]+)/.exec(text)?.[1]);
        expect(text).toContain("theory: σ² + (σ² + μ²)·p/(1 − p) = 3.000");
        expect(Math.abs(trainVar - 3) / 3).toBeLessThan(0.03);
        expect(Math.abs(testVar - 1)).toBeLessThan(0.03);
        expect(Math.abs(numberAfter(text, "std of that batch-norm output at inference:") - Math.sqrt(1 / 3))).toBeLessThan(0.02);
      },
    );

    it("Uout, h·(1 + r) with r ~ U(−β, β), keeps the mean and adds only h²·β²/3 of variance", () => {
      const [h, beta] = [1.5, 0.2];
      const [mean, variance] = tf.tidy(() => {
        const out = tf.fill([400_000], h).mul(tf.randomUniform([400_000], -beta, beta, "float32", 5).add(1));
        const m = tf.moments(out);
        return [m.mean.asScalar().arraySync(), m.variance.asScalar().arraySync()];
      });
      const theory = (h * h * beta * beta) / 3;
      expect(Math.abs(mean - h) / h).toBeLessThan(0.005);
      expect(Math.abs(variance - theory) / theory).toBeLessThan(0.03);
    });
  });

  describe("the geometric mean", () => {
    /** All 2^n masks as rows, kept entries 1/(1 − p), with each mask's probability. */
    function allMasks(n: number, p: number) {
      const rows = Array.from({ length: 2 ** n }, (_, m) => Array.from({ length: n }, (_, i) => ((m >> i) & 1) / (1 - p)));
      const probability = rows.map((r) => r.reduce((acc, v) => acc * (v > 0 ? 1 - p : p), 1));
      return { masks: tf.tensor2d(rows), weights: tf.tensor2d(probability, [2 ** n, 1]) };
    }

    it.each([0.5, 0.3])(
      "with one hidden layer + softmax, the full network is the normalised geometric mean weighted by mask probabilities (p = %p), and beats the thinned networks' mean log-probability",
      (p) => {
        for (const seed of [1, 2, 3]) {
          const [gap, logProbGain] = tf.tidy(() => {
            const n = 8;
            const { masks, weights } = allMasks(n, p);
            const h = tf.relu(tf.randomNormal([1, 4], 0, 1, "float32", seed).matMul(tf.randomNormal([4, n], 0, 1, "float32", seed + 10)));
            const W = tf.randomNormal([n, 3], 0, 1, "float32", seed + 20);
            const b = tf.randomNormal([3], 0, 1, "float32", seed + 30);
            const logFull = tf.logSoftmax(h.matMul(W).add(b)).reshape([3]);
            const logThinned = tf.logSoftmax(h.mul(masks).matMul(W).add(b)); // Shape: [2^n, 3]
            const meanLog = logThinned.mul(weights).sum(0); // Σ_m P(m) log q_m(k)
            const geometric = tf.logSoftmax(meanLog); // log of the normalised weighted geometric mean
            return [tf.abs(geometric.sub(logFull)).max().arraySync() as number, logFull.sub(meanLog).min().arraySync() as number];
          });
          expect(gap).toBeLessThan(1e-5);
          // Hinton et al. (2012): a higher log-probability than the thinned networks' average, for every class.
          expect(logProbGain).toBeGreaterThan(1e-3);
        }
      },
    );

    it.each(seedsFor("geometric-mean", [1, 2, 3, 4, 5]))(
      "geometric-mean (seed %p): equal to rounding with one layer, the arithmetic mean differs, and a second ReLU layer breaks it",
      async (seed) => {
        const text = await printed(cell("geometric-mean").code, seed);
        const gaps = [...text.matchAll(/largest gap, geometric mean vs full network: (\S+)/g)].map((m) => Number(m[1]));
        expect(gaps).toHaveLength(2);
        expect(gaps[0]).toBeLessThanOrEqual(1e-6);
        expect(gaps[1]).toBeGreaterThan(1e-3);
        const rows = (label: string) =>
          [...text.matchAll(new RegExp(`^${label} +(.*)$`, "gm"))].map((m) => m[1]!.trim().split(/\s+/).map(Number));
        const [full, arithmetic] = [rows("full network \\(dropout off\\)")[0]!, rows("arithmetic mean of 1,024")[0]!];
        expect(Math.max(...full.map((v, i) => Math.abs(v - arithmetic[i]!)))).toBeGreaterThan(1e-3);
      },
    );
  });

  describe("the live loss cell: losses measured at the same moment", () => {
    it.each(seedsFor("live-loss", [1, 2]))(
      "live-loss (seed %p): dropout on > dropout off in all 40 epochs, and above the validation loss in most",
      async (seed) => {
        const text = await printed(cell("live-loss").code, seed);
        expect(numberAfter(text, "epochs with training loss, dropout on > dropout off:")).toBe(40);
        expect(numberAfter(text, "epochs with training loss, dropout on > validation loss:")).toBeGreaterThanOrEqual(30);
      },
    );

    it.each(seedsFor("live-loss", [1, 2]))(
      "with rate 0 (seed %p) the dropout-on and dropout-off losses coincide, yet fit's logged loss is above the end-of-epoch loss in most epochs",
      async (seed) => {
        let code = patched(cell("live-loss").code, "const rate = 0.3;", "const rate = 0;\nlet logAbove = 0;\nlet apart = 0;");
        code = patched(
          code,
          "onEpochEnd: async (epoch) => {",
          "onEpochEnd: async (epoch, logs) => {\n      if ((logs?.loss ?? NaN) > lossDropoutOff(xs, ys)) logAbove += 1;",
        );
        code = patched(code, "if (last.on > last.off) onAboveOff += 1;", "if (Math.abs(last.on - last.off) > 1e-3 * last.off) apart += 1;");
        code += '\nconsole.log("epochs apart:", apart);\nconsole.log("fit log above end-of-epoch loss:", logAbove);\n';
        const text = await printed(code, seed);
        // Equal up to float32 summation order (100 tiled copies vs the 40 rows); with rate 0.3 they are ~100% apart.
        expect(numberAfter(text, "epochs apart:")).toBe(0);
        expect(numberAfter(text, "fit log above end-of-epoch loss:")).toBeGreaterThanOrEqual(30);
      },
    );
  });

  describe("Gaussian dropout", () => {
    it.each([0.2, 0.3, 0.5])(
      "gaussianDropout at rate %p: multiplicative N(1, rate/(1 − rate)) noise, so mean h, variance h²·rate/(1 − rate), no zeros, negatives with probability Φ(−√((1 − rate)/rate))",
      (rate) => {
        const h = 2;
        const [mean, variance, zeros, negative] = tf.tidy(() => {
          const y = tf.layers.gaussianDropout({ rate }).apply(tf.fill([400_000], h), { training: true }) as tf.Tensor;
          const m = tf.moments(y);
          return [m.mean, m.variance, tf.equal(y, 0).mean(), tf.less(y, 0).mean()].map((t) => t.asScalar().arraySync());
        }) as [number, number, number, number];
        const theory = (h * h * rate) / (1 - rate);
        expect(Math.abs(mean - h) / h).toBeLessThan(0.01);
        expect(Math.abs(variance - theory) / theory).toBeLessThan(0.03);
        expect(zeros).toBe(0);
        expect(Math.abs(negative - phi(-Math.sqrt((1 - rate) / rate)))).toBeLessThan(0.005);
      },
    );

    it.each(seedsFor("gaussian-dropout", [1, 2]))(
      "gaussian-dropout (seed %p): both keep the mean 2 and a variance near 1.714; 30% zeros vs none; about 6% sign flips vs none",
      async (seed) => {
        const text = await printed(cell("gaussian-dropout").code, seed);
        const stats = (label: string) => (new RegExp(`^${label} +(.*)$`, "m").exec(text)?.[1] ?? "").trim().split(/\s+/).map(Number);
        const [gMean, gVar, gZeros, gNeg] = stats("gaussianDropout");
        const [bMean, bVar, bZeros, bNeg] = stats("dropout");
        expect(text).toContain("variance h²·rate/(1 − rate) = 1.714");
        for (const mean of [gMean!, bMean!]) expect(Math.abs(mean - 2)).toBeLessThan(0.02);
        for (const v of [gVar!, bVar!]) expect(Math.abs(v - 1.714) / 1.714).toBeLessThan(0.03);
        expect([gZeros, bNeg]).toEqual([0, 0]);
        expect(Math.abs(bZeros! - 0.3)).toBeLessThan(0.01);
        expect(gNeg!).toBeGreaterThan(0.055);
        expect(gNeg!).toBeLessThan(0.07);
        expect(text).toContain("at inference gaussianDropout returns its input unchanged: true");
      },
    );
  });

  describe("seeds", () => {
    it.each([1, 42, 1234])(
      "a dropout layer given seed %p draws the same mask on every call; so does tf.dropout with that seed; unseeded calls differ",
      (seed) => {
        const [layerSame, opSame, unseededSame, share] = tf.tidy(() => {
          const x = tf.ones([64, 64]);
          const seeded = tf.layers.dropout({ rate: 0.5, seed });
          const unseeded = tf.layers.dropout({ rate: 0.5 });
          const a = seeded.apply(x, { training: true }) as tf.Tensor;
          const b = seeded.apply(x, { training: true }) as tf.Tensor;
          const same = (u: tf.Tensor, v: tf.Tensor) => tf.equal(u, v).all().asScalar().arraySync() === 1;
          return [
            same(a, b),
            same(tf.dropout(x, 0.5, undefined, seed), tf.dropout(x, 0.5, undefined, seed)),
            same(unseeded.apply(x, { training: true }) as tf.Tensor, unseeded.apply(x, { training: true }) as tf.Tensor),
            tf.equal(a, 0).mean().asScalar().arraySync(),
          ];
        });
        expect([layerSame, opSame, unseededSame]).toEqual([true, true, false]);
        expect(Math.abs((share as number) - 0.5)).toBeLessThan(0.03); // a real mask, not all kept
      },
    );

    it.each(seedsFor("seeded-layer", [1, 2]))(
      "seeded-layer (seed %p): the seeded layer repeats one mask and has zero Monte Carlo spread; the unseeded one does not",
      async (seed) => {
        const text = await printed(cell("seeded-layer").code, seed);
        const block = (label: string) => text.split(`${label}, 4 calls:\n`)[1]!.split("\n").slice(0, 4);
        expect(new Set(block("seeded layer")).size).toBe(1);
        expect(new Set(block("unseeded layer")).size).toBe(4);
        expect(numberAfter(text, "spread of 100 Monte Carlo passes, seeded layer:")).toBe(0);
        expect(numberAfter(text, "spread of 100 Monte Carlo passes, unseeded layer:")).toBeGreaterThan(0.01);
      },
    );
  });

  describe("shapes of noise", () => {
    it("noiseShape [B, 1, 1, C] drops whole channels, each image its own (spatial dropout); without it pixels drop one by one", () => {
      const keptShares = (noiseShape?: number[]) =>
        tf.tidy(() => {
          const out = tf.layers.dropout({ rate: 0.5, noiseShape, seed: 9 }).apply(tf.ones([4, 8, 8, 32]), { training: true }) as tf.Tensor;
          return tf.greater(out, 0).cast("float32").mean([1, 2]).arraySync() as number[][];
        });
      const spatial = keptShares([4, 1, 1, 32]);
      expect(spatial.flat().every((v) => v === 0 || v === 1)).toBe(true);
      expect(spatial.flat().filter((v) => v === 1).length).toBeGreaterThan(40);
      expect(spatial.flat().filter((v) => v === 0).length).toBeGreaterThan(40);
      // Each image draws its own channel mask: no two of the 4 rows are equal.
      expect(new Set(spatial.map((r) => r.join())).size).toBe(4);
      // A 1 on the batch axis shares one mask across the batch: every image drops the same channels.
      const shared = keptShares([1, 1, 1, 32]);
      expect(new Set(shared.map((r) => r.join())).size).toBe(1);
      const plain = keptShares();
      expect(plain.flat().filter((v) => v > 0 && v < 1).length).toBeGreaterThan(120);
    });

    it.each(seedsFor("spatial-dropout", [1, 2]))(
      "spatial-dropout (seed %p): plain dropout keeps parts of channels; spatial keeps each channel whole (1.00) or drops it (0.00)",
      async (seed) => {
        const text = await printed(cell("spatial-dropout").code, seed);
        const [plainPart, spatialPart] = text.split("spatial dropout, share of pixels kept per channel:");
        const values = (part: string) => [...part.matchAll(/image \d: (.*)/g)].flatMap((m) => m[1]!.split(" ").map(Number));
        expect(values(plainPart!).some((v) => v > 0 && v < 1)).toBe(true);
        expect(values(spatialPart!).every((v) => v === 0 || v === 1)).toBe(true);
      },
    );

    it("dropout on a linear model's inputs adds p/(1 − p)·Σ_j w_j²·Σ_i x_ij² to the expected squared error", () => {
      const p = 0.3;
      const passes = 2000;
      const [measured, plain, penalty] = tf.tidy(() => {
        const X = tf.randomNormal([50, 4], 0, 1, "float32", 1).mul(tf.tensor1d([0.5, 1, 2, 4]));
        const w = tf.tensor2d([[1], [-1], [0.5], [0.25]]);
        const y = tf.randomNormal([50, 1], 0, 1, "float32", 2);
        const thinned = tf.dropout(tf.tile(X, [passes, 1]), p, undefined, 5);
        const errors = tf.tile(y, [passes, 1]).sub(thinned.matMul(w));
        return [
          errors.square().sum().div(passes).asScalar().arraySync(),
          y.sub(X.matMul(w)).square().sum().asScalar().arraySync(),
          w
            .square()
            .reshape([4])
            .mul(X.square().sum(0))
            .sum()
            .mul(p / (1 - p))
            .asScalar()
            .arraySync(),
        ];
      });
      expect(Math.abs(measured - (plain + penalty)) / (plain + penalty)).toBeLessThan(0.03);
      // …and the penalty is not negligible, so the check above could fail if it were missing.
      expect(penalty / plain).toBeGreaterThan(0.1);
    });

    it.each(seedsFor("linear-l2", [1]))("linear-l2 (seed %p): the masked error matches the plain error plus the penalty", async (seed) => {
      const text = await printed(cell("linear-l2").code, seed);
      const measured = numberAfter(text, "squared error, averaged over dropout masks:");
      const predicted = numberAfter(text, "squared error without dropout + penalty:");
      expect(Math.abs(measured - predicted) / predicted).toBeLessThan(0.03);
    });
  });

  describe("the model listing and the errors the chapter quotes", () => {
    const LISTING = "dropout-mlp.ts (TensorFlow.js)";
    const disposeUnused = "\nconst unused = new DropoutMLP(20, 64, 10);\nunused.dispose(); // before any forward pass\n";

    it("the DropoutMLP listing runs leak-free, and its dispose() is safe before the first forward pass", async () => {
      await printed(listing(LISTING) + disposeUnused, 1);
    });

    it("…which the unguarded layer.dispose() was not: tfjs throws for a layer that was never built", async () => {
      const unguarded = patched(listing(LISTING), "if (layer.built) layer.dispose();", "layer.dispose();");
      const run = await runOnBackend(unguarded + disposeUnused, 1);
      expect(String(run.error)).toMatch(/Cannot dispose Layer dense_Dense\d+ because it has not been built yet\./);
    });

    it("quotes tfjs 4.22's dtype errors exactly", () => {
      const mask = tf.tensor1d([0.2, 0.7]).less(0.5);
      expect(() => tf.sigmoid(mask)).toThrow(new Error("Argument 'x' passed to 'sigmoid' must be float32 tensor, but got bool tensor"));
      expect(() => tf.gather(tf.tensor1d([1, 2, 3]), tf.tensor1d([0, 1]))).toThrow(
        new Error("Argument 'indices' passed to 'gather' must be int32 tensor, but got float32 tensor"),
      );
      const notFloat = "x has to be a floating point tensor since it's going to be scaled, but got a bool tensor instead.";
      expect(() => tf.dropout(mask, 0.5)).toThrow(new Error(notFloat));
      expect(() => tf.layers.dropout({ rate: 0.5 }).apply(mask, { training: true })).toThrow(new Error(notFloat));
      mask.dispose();
    });

    it("element-wise arithmetic converts a bool mask quietly: x.mul(mask) works and gives float32", () => {
      const [dtype, values] = tf.tidy(() => {
        const y = tf.tensor1d([3, 4]).mul(tf.tensor1d([0.2, 0.7]).less(0.5));
        return [y.dtype, Array.from(y.dataSync())];
      });
      expect(dtype).toBe("float32");
      expect(values).toEqual([3, 0]);
    });
  });

  it("tfjs 4.22's fit does not apply a layer's kernelConstraint; applying maxNorm after each batch does", async () => {
    const train = async (applyAfterEachBatch: boolean) => {
      const layer = tf.layers.dense({
        inputShape: [1],
        units: 1,
        useBias: false,
        kernelConstraint: tf.constraints.maxNorm({ maxValue: 2, axis: 0 }),
      });
      const model = tf.sequential({ layers: [layer] });
      const optimizer = tf.train.sgd(0.1);
      model.compile({ optimizer, loss: "meanSquaredError" });
      const [x, y] = [tf.ones([8, 1]), tf.fill([8, 1], 10)];
      const kernel = layer.weights[0]!;
      const constraint = tf.constraints.maxNorm({ maxValue: 2, axis: 0 });
      await model.fit(x, y, {
        epochs: 30,
        verbose: 0,
        callbacks: applyAfterEachBatch
          ? {
              onBatchEnd: async () => {
                const capped = tf.tidy(() => constraint.apply(kernel.read()));
                kernel.write(capped);
                capped.dispose();
              },
            }
          : undefined,
      });
      const w = kernel.read().dataSync()[0]!;
      tf.dispose([x, y]);
      model.dispose();
      optimizer.dispose();
      return w;
    };
    expect(await train(false)).toBeGreaterThan(9); // the constraint (max norm 2) was never applied
    expect(await train(true)).toBeLessThanOrEqual(2 + 1e-5);
  });
});
