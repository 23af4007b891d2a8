// `npm test`: installs what is missing, then runs jest with the extra arguments.
// @ts-check
import path from "node:path";
import { ensureDependencies, log, ROOT, run } from "./lib.mjs";

const args = process.argv.slice(2);
ensureDependencies();
log("Running jest");
run(process.execPath, [path.join(ROOT, "node_modules/jest/bin/jest.js"), ...args], {
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
