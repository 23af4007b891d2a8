// Prisma CLI config: picks the provider's schema folder and migrations from DATABASE_PROVIDER.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { parseEnv, prismaFolder } from "./lib/env";

// Offline machines cannot download Prisma's native schema engine, which the CLI fetches even
// for `prisma generate` (which never runs it). Point it at a stub that fails loudly; a real
// engine binary, where one is installed, still wins. Migrations go through scripts/migrate.mjs.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve(import.meta.dirname ?? ".", "scripts/schema-engine-unavailable.sh");

// The app's own rules and defaults (lib/env.ts): the same provider check and default URL.
const env = parseEnv(process.env);
const folder = prismaFolder(env.DATABASE_PROVIDER);

export default defineConfig({
  schema: `prisma/${folder}`,
  migrations: { path: `prisma/${folder}/migrations` },
  datasource: { url: env.DATABASE_URL },
});
