// How the code runner's browser bundles are built with esbuild: the options they share, and the
// plugin that gives them tfjs as the global tf.min.js defines. scripts/build-runner.mjs builds
// public/runner/ with them; bench/cell-help.mjs builds an earlier runtime.js the same way.
// @ts-check
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

/** @type {import("esbuild").BuildOptions} */
export const RUNNER_BUILD_OPTIONS = {
  bundle: true,
  format: "iife",
  platform: "browser",
  target: "es2020",
  minify: true,
  legalComments: "none",
  alias: { "@": ROOT },
  logLevel: "warning",
};

/** Cells and the course library import "@tensorflow/tfjs": use the global that tf.min.js defines. */
/** @type {import("esbuild").Plugin} */
export const tfGlobal = {
  name: "tfjs-global",
  setup(b) {
    b.onResolve({ filter: /^@tensorflow\/tfjs$/ }, () => ({ path: "tf", namespace: "tf-global" }));
    b.onLoad({ filter: /.*/, namespace: "tf-global" }, () => ({ contents: "module.exports = self.tf;", loader: "js" }));
  },
};
