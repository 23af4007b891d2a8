// A bad environment stops `npm start`'s server before it serves anything, naming the variable
// (it used to pass start-up and turn every Ask AI call into a 500).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ROOT } from "../support/paths";

jest.setTimeout(60_000);

it.each([
  ["ASK_MODEL_TIMEOUT_MS", "abc", /ASK_MODEL_TIMEOUT_MS: must be a whole number of milliseconds/],
  ["PORT", "eighty", /PORT:/],
])("%s=%s stops the server at start-up with a message naming it", (name, value, message) => {
  const run = spawnSync(process.execPath, [path.join(ROOT, "scripts/serve.mjs")], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", [name]: value },
    timeout: 50_000,
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/Invalid environment/);
  expect(run.stderr).toMatch(message);
  expect(run.stdout).not.toMatch(/"ready"/);
});
