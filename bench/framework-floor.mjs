// The framework's own floor for issue #12: Lighthouse on a hello-world Next.js App Router page
// built with this project's next, react and react-dom (nothing of ours on it: one heading, one
// paragraph, no client component), so the lesson's scores can be read against what the stack
// itself costs on this machine.
//   node bench/framework-floor.mjs      (LH_RUNS, LH_PRESETS as for bench/lighthouse.mjs)
// The app is written to .tmp/framework-floor (ignored by git), built and served with `next start`.
// @ts-check
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../scripts/lib.mjs";
import { freePort, waitForServer } from "./server.mjs";

const APP = path.join(ROOT, ".tmp/framework-floor");
const NEXT = path.join(ROOT, "node_modules/next/dist/bin/next");

/** @type {Record<string, string>} */
const FILES = {
  "package.json": JSON.stringify({ name: "framework-floor", private: true }),
  // Turbopack resolves packages from the project's node_modules, two levels up.
  "next.config.js": `module.exports = { turbopack: { root: ${JSON.stringify(ROOT)} } };\n`,
  "app/layout.jsx": `export const metadata = { title: "Framework floor", description: "A hello-world page for measuring the framework." };
export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", margin: "2rem", lineHeight: 1.5 }}>{children}</body>
    </html>
  );
}
`,
  "app/page.jsx": `export default function Page() {
  return (
    <main>
      <h1>Hello</h1>
      <p>A page with nothing on it but the framework: Next.js App Router, React, no client component.</p>
    </main>
  );
}
`,
};

fs.rmSync(APP, { recursive: true, force: true });
for (const [file, text] of Object.entries(FILES)) {
  fs.mkdirSync(path.dirname(path.join(APP, file)), { recursive: true });
  fs.writeFileSync(path.join(APP, file), text);
}
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: /** @type {const} */ ("production") };
const build = spawnSync(process.execPath, [NEXT, "build"], { cwd: APP, env, stdio: ["ignore", "ignore", "inherit"] });
if (build.status !== 0) throw new Error(`next build of the floor app failed (exit ${build.status})`);

const port = await freePort();
const server = spawn(process.execPath, [NEXT, "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: APP, env, stdio: "ignore" });
try {
  const base = `http://127.0.0.1:${port}`;
  await waitForServer(base, 30);
  console.log("Framework floor: a hello-world Next.js App Router page (this project's next, react, react-dom)");
  const lighthouse = spawnSync(process.execPath, [path.join(ROOT, "bench/lighthouse.mjs")], {
    env: { ...process.env, LH_BASE: base, LH_PAGES: "/" },
    stdio: "inherit",
  });
  process.exitCode = lighthouse.status ?? 1;
} finally {
  server.kill("SIGTERM");
}
