// Compiles the app's TypeScript that the server entry needs (the env schema, the security headers)
// to generated/lbr-server.mjs, so scripts/serve.mjs runs on plain Node, with no TypeScript loader.
// Run before `next build` and `next dev` (package.json prebuild/predev) and by `npm start` if missing.
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
  packages: "external", // zod stays an import of the installed package
  outfile: SERVER_LIB,
  logLevel: "warning",
});
