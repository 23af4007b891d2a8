// Runs before each integration test file: SQLite gets its own copy of the migrated template.
import fs from "node:fs";
import path from "node:path";
import { TEMPLATE_DB, TMP } from "./paths";

if (process.env.DATABASE_PROVIDER !== "postgresql") {
  const file = path.join(TMP, `test-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.db`);
  fs.copyFileSync(TEMPLATE_DB, file);
  process.env.DATABASE_URL = `file:${file}`;
}

// Learner cookies are signed: tests sign theirs with this key (see requests.ts).
process.env.LEARNER_SECRET = "integration-test-learner-secret-0123456789";
