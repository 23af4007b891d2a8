// Prisma CLI config: the schema folder and migrations of DATABASE_PROVIDER.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { parseEnv, prismaFolder } from "./lib/env";

// The CLI fetches the native engine even for `generate`; offline, a stub that fails loudly (decision 0154).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve(import.meta.dirname ?? ".", "scripts/schema-engine-unavailable.sh");

const env = parseEnv(process.env);
const folder = prismaFolder(env.DATABASE_PROVIDER);

export default defineConfig({
  schema: `prisma/${folder}`,
  migrations: { path: `prisma/${folder}/migrations` },
  datasource: { url: env.DATABASE_URL },
});
