// Integration tests: migrate one template database (SQLite) or the test database (Postgres) once.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import Database from "better-sqlite3";
import { ROOT, TEMPLATE_DB, TMP } from "./paths";

export default function globalSetup() {
  fs.mkdirSync(TMP, { recursive: true });
  const postgres = process.env.DATABASE_PROVIDER === "postgresql";
  if (postgres && !process.env.DATABASE_URL) throw new Error("DATABASE_URL is required for the Postgres integration run");
  if (!postgres) for (const s of ["", "-wal", "-shm"]) fs.rmSync(TEMPLATE_DB + s, { force: true });
  const env = { ...process.env, DATABASE_URL: postgres ? process.env.DATABASE_URL : `file:${TEMPLATE_DB}` };
  execFileSync(process.execPath, ["scripts/migrate.mjs", "deploy"], { cwd: ROOT, env, stdio: "inherit" });
  if (!postgres) {
    // Fold the write-ahead log into the file so that copying the .db alone copies everything.
    const sqlite = new Database(TEMPLATE_DB);
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    sqlite.close();
  }
}
