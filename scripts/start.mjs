// `npm start`: install if needed, build if needed, apply migrations, serve on http://localhost:3000.
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureBuild, ensureDependencies, log, migrate, ROOT } from "./lib.mjs";

ensureDependencies();
ensureBuild();
migrate();

const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "0.0.0.0";
log(`Serving on http://localhost:${port}`);
const next = path.join(ROOT, "node_modules/next/dist/bin/next");
const server = spawn(process.execPath, [next, "start", "-p", port, "-H", host], {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
