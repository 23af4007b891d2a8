// Start and test steps; plain Node, as it runs before dependencies exist.
// @ts-check
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** @param {string} message */
export function log(message) {
  console.log(`\x1b[36m▸ ${message}\x1b[0m`);
}

/**
 * Exits with the command's status when it fails.
 * @param {string} command
 * @param {string[]} args
 * @param {import("node:child_process").SpawnSyncOptions} [options]
 */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", ...options });
  if (result.status !== 0) {
    console.error(`\n✗ ${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}

/** @param {string} p */
const mtime = (p) => (fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0);

/** Installs dependencies when node_modules is missing or older than package.json / the lockfile. */
export function ensureDependencies() {
  const installed = mtime(path.join(ROOT, "node_modules/.package-lock.json"));
  const wanted = Math.max(mtime(path.join(ROOT, "package.json")), mtime(path.join(ROOT, "package-lock.json")));
  if (installed && installed >= wanted && fs.existsSync(path.join(ROOT, "generated/prisma/client.ts"))) return;
  log("Installing dependencies (first run: about 2 minutes, better-sqlite3 compiles from source)");
  run(npm, ["install", "--no-audit", "--no-fund"]);
}

/**
 * @param {string} dir
 * @returns {number}
 */
function newestIn(dir) {
  if (!fs.existsSync(dir)) return 0;
  let newest = mtime(dir);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(p) : mtime(p));
  }
  return newest;
}

/** What the build was made from (written by `npm run build`'s postbuild step). */
export const BUILD_STAMP = path.join(ROOT, ".next/lbr-build.json");

/**
 * Builds when there is no build, sources changed, or it was built from other content folders.
 * @param {{ force?: boolean, contentDirs?: string }} options
 */
export function ensureBuild({ force = false, contentDirs = process.env.CONTENT_DIRS || "content" } = {}) {
  const built = mtime(path.join(ROOT, ".next/BUILD_ID"));
  const dirs = contentDirs
    .split(",")
    .map((d) => d.trim())
    .filter(Boolean);
  const sources = ["app", "components", "lib", "generated", "public", ...dirs].map((d) => newestIn(path.join(ROOT, d)));
  const configs = ["next.config.js", "package-lock.json", "tsconfig.json"].map((f) => mtime(path.join(ROOT, f)));
  const stamp = fs.existsSync(BUILD_STAMP) ? JSON.parse(fs.readFileSync(BUILD_STAMP, "utf8")) : null;
  const sameContent = stamp?.contentDirs === dirs.join(",");
  const serverLib = fs.existsSync(path.join(ROOT, "generated/lbr-server.mjs"));
  if (!force && built && sameContent && serverLib && built >= Math.max(...sources, ...configs)) return;
  log(`Building the app (next build; content: ${dirs.join(", ")})`);
  run(npm, ["run", "-s", "build"], { env: { ...process.env, CONTENT_DIRS: dirs.join(","), NEXT_TELEMETRY_DISABLED: "1" } });
}

export function migrate(env = process.env) {
  run(process.execPath, ["scripts/migrate.mjs", "deploy"], { env });
}

/** Path of the Chromium the browser tests drive: CHROMIUM_PATH, or Debian's package. */
export function chromiumPath() {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}

/** Installs Debian's chromium when it is missing and we may (root with apt); else explains. */
export function ensureChromium() {
  if (fs.existsSync(chromiumPath())) return;
  const canApt = process.getuid?.() === 0 && spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
  if (!canApt) {
    console.error(
      `✗ The browser tests need Chromium at ${chromiumPath()}.\n  Install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
    process.exit(1);
  }
  log("Installing Chromium for the browser tests (apt-get install chromium)");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}
