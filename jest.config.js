// Jest: three projects. unit (beside the code), integration (real database), e2e (real browser).
const nextJest = require("next/jest");

const createConfig = nextJest({ dir: __dirname });
const isPostgres = process.env.DATABASE_PROVIDER === "postgresql";

const shared = {
  testEnvironment: "node",
  moduleNameMapper: { "^@/(.*)$": "<rootDir>/$1" },
};

module.exports = async () => ({
  projects: [
    await createConfig({
      ...shared,
      displayName: "unit",
      testMatch: ["<rootDir>/{lib,components,scripts}/**/*.test.{ts,tsx}"],
    })(),
    await createConfig({
      ...shared,
      displayName: "integration",
      testMatch: ["<rootDir>/tests/integration/**/*.test.ts"],
      // SQLite-only checks (file pragmas, the migrate script's file handling) skip the Postgres run.
      testPathIgnorePatterns: isPostgres ? ["\\.sqlite\\.test\\.ts$"] : [],
      globalSetup: "<rootDir>/tests/support/db-global-setup.ts",
      setupFiles: ["<rootDir>/tests/support/db-per-file.ts"],
    })(),
    await createConfig({
      ...shared,
      displayName: "e2e",
      testMatch: ["<rootDir>/tests/e2e/**/*.test.ts"],
      globalSetup: "<rootDir>/tests/e2e/global-setup.ts",
      globalTeardown: "<rootDir>/tests/e2e/global-teardown.ts",
    })(),
  ],
});
