// Compiles what scripts/serve.mjs needs of lib/ to generated/lbr-server.mjs (decision 0173).
// @ts-check
import path from "node:path";
import { build } from "esbuild";

const ROOT = path.resolve(import.meta.dirname, "..");
export const SERVER_LIB = path.join(ROOT, "generated/lbr-server.mjs");

await build({
  stdin: {
    contents: 'export { parseEnvOrExit } from "./lib/env.ts";\nexport { securityHeaders } from "./lib/security/headers.ts";\n',
    resolveDir: ROOT,
    loader: "ts",
  },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  outfile: SERVER_LIB,
  logLevel: "warning",
});
