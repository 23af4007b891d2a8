// `npm start`: install and build if needed, migrate, serve.
// @ts-check
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureBuild, ensureDependencies, log, migrate, ROOT } from "./lib.mjs";

ensureDependencies();
ensureBuild();
/** @type {typeof import("../lib/env.ts")} */
const { parseEnvOrExit } = await import(path.join(ROOT, "generated/lbr-server.mjs"));
const env = parseEnvOrExit(process.env);
migrate();

const processes = env.WEB_CONCURRENCY;
log(`Serving on http://localhost:${env.PORT} (${processes} process${processes === 1 ? "" : "es"}; WEB_CONCURRENCY)`);
const server = spawn(process.execPath, [path.join(ROOT, "scripts/serve.mjs")], {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
