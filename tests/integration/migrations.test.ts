// The models (prisma/models/*.prisma) and this provider's migration folder agree: the offline
// migrate script's `dev --create-only` (the wasm schema engine) finds nothing to create.
// CI runs the integration project on SQLite and again on PostgreSQL, so both folders are checked.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { prismaFolder, parseEnv } from "@/lib/env";
import { ROOT } from "../support/paths";

jest.setTimeout(120_000);

it("reports the models and the migrations in sync", () => {
  const env = parseEnv(process.env);
  const dir = path.join(ROOT, "prisma", prismaFolder(env.DATABASE_PROVIDER), "migrations");
  const before = fs.readdirSync(dir).sort();
  const run = spawnSync(process.execPath, ["scripts/migrate.mjs", "dev", "--name", "in_sync_check", "--create-only"], {
    cwd: ROOT,
    encoding: "utf8",
    env: process.env,
  });
  const created = fs.readdirSync(dir).filter((f) => !before.includes(f));
  // Never leave a drafted migration behind; the failure below shows what it would have been.
  const drafts = created.map((f) => fs.readFileSync(path.join(dir, f, "migration.sql"), "utf8"));
  for (const f of created) fs.rmSync(path.join(dir, f), { recursive: true, force: true });
  expect({ created, drafts }).toEqual({ created: [], drafts: [] });
  expect(run.stderr).toBe("");
  expect(run.stdout).toContain(`models and migrations are in sync: nothing to create`);
  expect(run.status).toBe(0);
});
