// Jest: four projects. unit (beside the code), integration (real database), e2e (real browser),
// system (several real app processes, a proxy, faults; on SQLite or on PostgreSQL).
const nextJest = require("next/jest");

const createConfig = nextJest({ dir: __dirname });
const isPostgres = process.env.DATABASE_PROVIDER === "postgresql";

const shared = {
  testEnvironment: "node",
  moduleNameMapper: { "^@/(.*)$": "<rootDir>/$1" },
};

// The unified/remark/rehype family ships ES modules only; let SWC turn them into CommonJS for
// jest like our own code (next/jest would skip all of node_modules). Big CommonJS packages stay
// untouched for speed.
const KEEP_AS_IS = ["next", "react", "react-dom", "@tensorflow", "@prisma", "prisma", "zod", "playwright-core", "better-sqlite3", "pg", "katex", "typescript", "sucrase", "esbuild", "@next", "@swc"];
const withEsmDependencies = (config) => ({
  ...config,
  transformIgnorePatterns: [`/node_modules/(?:${KEEP_AS_IS.join("|")})/`, "^.+\\.module\\.(css|sass|scss)$"],
});

module.exports = async () => ({
  projects: [
    withEsmDependencies(await createConfig({
      ...shared,
      displayName: "unit",
      testMatch: ["<rootDir>/{lib,components,scripts}/**/*.test.{ts,tsx}"],
      testPathIgnorePatterns: ["\\.claim\\.test\\.ts$"],
    })()),
    // Claims the lessons make, checked by training real models on tfjs (cpu): slow, so on their own.
    withEsmDependencies(await createConfig({
      ...shared,
      displayName: "claims",
      testMatch: ["<rootDir>/lib/**/*.claim.test.ts"],
    })()),
    withEsmDependencies(await createConfig({
      ...shared,
      displayName: "integration",
      testMatch: ["<rootDir>/tests/integration/**/*.test.ts"],
      // SQLite-only checks (file pragmas, the migrate script's file handling) skip the Postgres run.
      testPathIgnorePatterns: isPostgres ? ["\\.sqlite\\.test\\.ts$"] : [],
      globalSetup: "<rootDir>/tests/support/db-global-setup.ts",
      setupFiles: ["<rootDir>/tests/support/db-per-file.ts"],
    })()),
    withEsmDependencies(await createConfig({
      ...shared,
      displayName: "system",
      testMatch: ["<rootDir>/tests/system/**/*.test.ts"],
      // Tests of one provider's behaviour (SQLite-only, or a PostgreSQL server they control).
      testPathIgnorePatterns: [isPostgres ? "\\.sqlite\\.test\\.ts$" : "\\.pg\\.test\\.ts$"],
    })()),
    withEsmDependencies(await createConfig({
      ...shared,
      displayName: "e2e",
      testMatch: ["<rootDir>/tests/e2e/**/*.test.ts"],
      globalSetup: "<rootDir>/tests/e2e/global-setup.ts",
      globalTeardown: "<rootDir>/tests/e2e/global-teardown.ts",
    })()),
  ],
});
