// Stops the server started by global-setup.
import fs from "node:fs";
import { E2E_STATE } from "../support/paths";

export default async function globalTeardown() {
  if (!fs.existsSync(E2E_STATE)) return;
  const { pid } = JSON.parse(fs.readFileSync(E2E_STATE, "utf8")) as { pid: number };
  try {
    process.kill(-pid, "SIGTERM"); // the whole process group: next start and its workers
  } catch {
    // already gone
  }
  fs.rmSync(E2E_STATE, { force: true });
}
