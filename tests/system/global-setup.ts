// Before the system tests: a production build with the fixture courses, built only when sources
// are newer than the last one (the same build the browser tests use).
import { execFileSync } from "node:child_process";
import { ROOT } from "../support/paths";

export default function globalSetup() {
  execFileSync(process.execPath, ["scripts/ensure-test-build.mjs"], { cwd: ROOT, stdio: "inherit" });
}
