// `npm start`: install if needed, build if needed, apply migrations, serve on http://localhost:3000.
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureBuild, ensureDependencies, log, migrate, ROOT } from "./lib.mjs";

ensureDependencies();
ensureBuild();
migrate();

const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "0.0.0.0";
const processes = process.env.WEB_CONCURRENCY ?? "1";
log(`Serving on http://localhost:${port} (${processes} process${processes === "1" ? "" : "es"}; WEB_CONCURRENCY)`);
const server = spawn(process.execPath, [path.join(ROOT, "scripts/serve.mjs")], {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, PORT: port, HOST: host, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
