// Builds the code runner's static files into public/runner/ (run before `next build`/`next dev`):
//   frame.js                the sandboxed frame that owns the workers (its page, frame.html, is
//                           served by app/runner/frame.html/route.ts with its own CSP)
//   runtime.js              the worker: transpiler, console capture, the courses' libraries
//   tf.min.js, tf-backend-wasm.min.js, wasm/*.wasm   TensorFlow.js, served by the app itself
//   ts/worker.js + ts/types.json   the cells' type checker and the declarations it knows
// and the courses' figure workers (their own code, not learners'): each figures/**/worker.ts of a
// course (scripts/build-figures.mjs) to public/figures/<course>/<folder>/worker.js.
// @ts-check
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { tsImport } from "tsx/esm/api";
import { courseFigureFolders } from "./build-figures.mjs";
import { buildCellTypes, readCellModules } from "./cell-types.mjs";
import { RUNNER_BUILD_OPTIONS as common, tfGlobal } from "./runner-bundle.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, "public/runner");
const modules = path.join(ROOT, "node_modules");

const FIGURES = path.join(ROOT, "public/figures");
fs.rmSync(OUT, { recursive: true, force: true });
fs.rmSync(FIGURES, { recursive: true, force: true });
fs.mkdirSync(path.join(OUT, "wasm"), { recursive: true });
fs.mkdirSync(path.join(OUT, "ts"), { recursive: true });

// Each course may declare its own library (course.md `library: <name>`, source in
// <course>/lib/index.ts); the worker gets them all as "course/<name>" through a generated module.
/** @type {typeof import("../lib/content/load.ts")} */
const { loadCoursesFrom } = await tsImport("../lib/content/load.ts", import.meta.url);
/** @type {typeof import("../lib/env.ts")} */
const { parseEnv } = await tsImport("../lib/env.ts", import.meta.url);
const { CONTENT_DIRS } = parseEnv(process.env);
const libraries = loadCoursesFrom(CONTENT_DIRS).flatMap((c) => (c.library ? [c.library] : []));
/** @type {import("esbuild").Plugin} */
const courseLibraries = {
  name: "course-libraries",
  setup(b) {
    b.onResolve({ filter: /^lbr:course-libraries$/ }, () => ({ path: "course-libraries", namespace: "course-libraries" }));
    b.onLoad({ filter: /.*/, namespace: "course-libraries" }, () => ({
      resolveDir: ROOT,
      loader: "js",
      contents: [
        ...libraries.map((l, i) => `import * as library${i} from ${JSON.stringify(l.file)};`),
        `export default { ${libraries.map((l, i) => `${JSON.stringify(l.id)}: library${i}`).join(", ")} };`,
      ].join("\n"),
    }));
  },
};

await build({
  ...common,
  entryPoints: [path.join(ROOT, "lib/runner/sandbox.worker.ts")],
  outfile: path.join(OUT, "runtime.js"),
  plugins: [tfGlobal, courseLibraries],
});
await build({ ...common, entryPoints: [path.join(ROOT, "lib/runner/frame.ts")], outfile: path.join(OUT, "frame.js") });
// The courses' figure workers: same-origin classic workers with tfjs as the global of the runner's
// tf.min.js (one cached copy), e.g. <course>/figures/lab/worker.ts → /figures/<course>/lab/worker.js.
const figureWorkers = courseFigureFolders(CONTENT_DIRS).flatMap(({ course, dir, workers }) =>
  workers.map((entry) => ({ entry, out: path.join(FIGURES, course, path.relative(dir, entry).replace(/\.ts$/, ".js")) })),
);
for (const { entry, out } of figureWorkers) {
  await build({
    ...common,
    entryPoints: [entry],
    outfile: out,
    plugins: [tfGlobal],
    // tf.min.js (strict) assigns the global regeneratorRuntime and, when that throws, falls back to
    // Function(): declared first, the assignment works and the worker needs no 'unsafe-eval' (the
    // pages' CSP, which these same-origin workers get, has none).
    banner: { js: 'self.regeneratorRuntime=undefined;importScripts("/runner/tf.min.js");' },
  });
}
// The type checker (loaded on a learner's first focus or edit of a cell, never on page load).
// TypeScript and @typescript/vfs reach for Node's modules only when running in Node.
const nodeOnly = ["fs", "path", "os", "crypto", "perf_hooks", "inspector", "module", "buffer", "source-map-support"];
await build({
  ...common,
  entryPoints: [path.join(ROOT, "components/code-cell/typescript/ts.worker.ts")],
  outfile: path.join(OUT, "ts/worker.js"),
  external: nodeOnly,
});
fs.writeFileSync(path.join(OUT, "ts/types.json"), JSON.stringify(buildCellTypes(readCellModules(libraries))));

fs.copyFileSync(path.join(modules, "@tensorflow/tfjs/dist/tf.min.js"), path.join(OUT, "tf.min.js"));
const wasmDist = path.join(modules, "@tensorflow/tfjs-backend-wasm/dist");
fs.copyFileSync(path.join(wasmDist, "tf-backend-wasm.min.js"), path.join(OUT, "tf-backend-wasm.min.js"));
for (const f of fs.readdirSync(wasmDist).filter((f) => f.endsWith(".wasm")))
  fs.copyFileSync(path.join(wasmDist, f), path.join(OUT, "wasm", f));

const size = (/** @type {string} */ f) => `${(fs.statSync(path.join(OUT, f)).size / 1024).toFixed(0)} KB`;
const workerSizes = figureWorkers.map(({ out }) => `${path.relative(FIGURES, out)} ${(fs.statSync(out).size / 1024).toFixed(0)} KB`);
console.log(
  `runner built (course libraries: ${libraries.map((l) => l.id).join(", ") || "none"}): runtime.js ${size("runtime.js")}, frame.js ${size("frame.js")}, tf.min.js ${size("tf.min.js")}, ts/worker.js ${size("ts/worker.js")}, ts/types.json ${size("ts/types.json")}; figure workers: ${workerSizes.join(", ") || "none"}`,
);
