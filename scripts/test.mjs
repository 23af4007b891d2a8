// `npm test`: the whole suite. Installs what is missing, then runs jest: unit, content (the real
// courses), claims, integration (real SQLite files), system (several app processes, faults) and
// end-to-end (real Chromium). The browser and system projects install Chromium and build the app
// themselves, only when needed (scripts/ensure-test-build.mjs), so
// `npm test -- --selectProjects unit` neither installs a browser nor builds.
// Extra arguments go to jest, e.g. `npm test -- --selectProjects unit`.
// @ts-check
import path from "node:path";
import { ensureDependencies, log, ROOT, run } from "./lib.mjs";

const args = process.argv.slice(2);
ensureDependencies();
log("Running jest");
run(process.execPath, [path.join(ROOT, "node_modules/jest/bin/jest.js"), ...args], {
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
