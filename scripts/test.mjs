// `npm test`: the whole suite. Installs what is missing, checks content, builds the production
// app, then runs jest: unit, integration (real SQLite files), system (several app processes,
// faults) and end-to-end (real Chromium).
// Extra arguments go to jest, e.g. `npm test -- --selectProjects unit`.
import path from "node:path";
import { ensureBuild, ensureChromium, ensureDependencies, log, ROOT, run } from "./lib.mjs";

const args = process.argv.slice(2);
ensureDependencies();
ensureChromium();
ensureBuild();
log("Running jest (unit, integration, system, e2e)");
run(process.execPath, [path.join(ROOT, "node_modules/jest/bin/jest.js"), ...args], {
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
