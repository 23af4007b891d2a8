// The lab worker: trains the lesson's demo models off the main thread, on the fastest backend for
// tiny models (wasm, else cpu). Bundled by scripts/build-runner.mjs (it bundles every course's
// figures/**/worker.ts) into public/figures/optimization-regularization/lab/worker.js, after
// /runner/tf.min.js (the global `tf`). Runs only our own code: learner code goes to the sandbox.
import * as tf from "@tensorflow/tfjs";
import { runExperiment } from "./experiment";
import { runMcDropout } from "./mc";
import type { FromLab, LabBackend, ToLab } from "./protocol";

declare const self: { postMessage(message: unknown, transfer?: Transferable[]): void; onmessage: ((event: MessageEvent) => void) | null };
declare function importScripts(...urls: string[]): void;

// Only our own page can create this same-origin worker, so its messages are trusted here (and zod,
// 450 KB minified, stays out of the worker); the page parses everything the worker sends back.
const post = (message: FromLab, transfer: Transferable[] = []) => self.postMessage(message, transfer);

let ready: Promise<LabBackend> | undefined;

async function tryBackend(name: LabBackend): Promise<boolean> {
  try {
    if (name === "wasm") {
      importScripts("/runner/tf-backend-wasm.min.js");
      tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false); // threaded wasm hangs once bundled
      (self as unknown as { tf: { wasm: { setWasmPaths(p: string): void } } }).tf.wasm.setWasmPaths(
        new URL("/runner/wasm/", location.href).href,
      );
    }
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
    tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(1)).dataSync());
    return true;
  } catch {
    return false;
  }
}

function init(backends: LabBackend[]): Promise<LabBackend> {
  ready ??= (async () => {
    const t0 = performance.now();
    for (const name of backends) {
      if (await tryBackend(name)) {
        post({ type: "ready", backend: name, ms: performance.now() - t0 });
        return name;
      }
    }
    throw new Error(`no TensorFlow.js backend could start (tried ${backends.join(", ")})`);
  })();
  return ready;
}

/** Lets the worker's event loop breathe between checkpoints (and flushes posted messages). */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

self.onmessage = async (event: MessageEvent) => {
  const message = event.data as ToLab;
  try {
    if (message.type === "init") {
      await init(message.backends);
      return;
    }
    const backend = await (ready ?? init(["wasm", "cpu"]));
    const t0 = performance.now();
    const { runId } = message;
    if (message.type === "experiment") {
      await runExperiment(message.config, {
        gridSize: message.gridSize,
        gridEvery: 5,
        onCheckpoint: async ({ epoch, plain, dropout, grids }) => {
          const size = message.gridSize;
          const update: FromLab = {
            type: "checkpoint",
            runId,
            epoch,
            plain,
            dropout,
            grids: grids ? { size, plain: new Float32Array(grids.plain), dropout: new Float32Array(grids.dropout) } : undefined,
          };
          post(update, update.type === "checkpoint" && update.grids ? [update.grids.plain.buffer, update.grids.dropout.buffer] : []);
          await breathe();
        },
      });
    } else {
      const result = await runMcDropout(message.config, {
        onProgress: async (epoch, loss) => {
          post({ type: "mc-progress", runId, epoch, loss });
          await breathe();
        },
      });
      post({ type: "mc-result", runId, grid: result.grid, mean: result.mean, std: result.std, data: result.data });
    }
    post({ type: "done", runId, ms: performance.now() - t0, backend });
  } catch (e) {
    post({ type: "error", runId: "runId" in message ? message.runId : undefined, message: (e as Error).message || String(e) });
  }
};
