// Where test runs keep their scratch files (databases, server logs).
import path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");
export const TMP = path.join(ROOT, ".tmp");
export const TEMPLATE_DB = path.join(TMP, "template.db");
export const E2E_STATE = path.join(TMP, "e2e-server.json");

/** The authors' report secret the browser tests' server runs with. */
export const E2E_AUTHOR_TOKEN = "e2e-author-token-0123456789abcdef";
