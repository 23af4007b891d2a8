// The models (prisma/models/*.prisma) and this provider's migration folder agree: the offline
// migrate script's `dev --create-only` (the wasm schema engine) drafts a migration with no SQL in it.
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
  // Never leave the draft behind; the failure below shows what it holds.
  const drafts = created.map((f) => fs.readFileSync(path.join(dir, f, "migration.sql"), "utf8"));
  for (const f of created) fs.rmSync(path.join(dir, f), { recursive: true, force: true });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  // Like Prisma's own CLI, --create-only always drafts one migration; in sync, it holds only comments.
  expect(created).toEqual([expect.stringMatching(/^\d{14}_in_sync_check$/)]);
  const statements = drafts.map((sql) => sql.replace(/--.*$/gm, "").trim());
  expect(statements).toEqual([""]);
});
