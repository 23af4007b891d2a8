// Jest projects: unit (beside the code; platform code on the fixture courses), content (the real
// courses: content/**/*.test.ts and *.content.test.ts), claims (the lessons' claims on tfjs),
// integration (real database), system (several real app processes, a proxy, faults; on SQLite or
// on PostgreSQL), e2e (real browser). Integration, system and e2e see the fixture courses too
// (CONTENT_DIRS below).
// @ts-check
const nextJest = require("next/jest").default;

const createConfig = nextJest({ dir: __dirname });
// The app's environment schema (lib/env.ts) decides the provider, with its defaults; the
// platform's tests run on small fixture courses beside the real ones (tests/fixtures/content).
const settings = JSON.parse(
  require("node:child_process").execFileSync(process.execPath, ["--import", "tsx", "tests/support/jest-settings.ts"], {
    cwd: __dirname,
    encoding: "utf8",
  }),
);
const isPostgres = settings.provider === "postgresql";
process.env.CONTENT_DIRS = settings.testContentDirs;

const shared = {
  testEnvironment: "node",
  moduleNameMapper: {
    "^@/(.*)$": "<rootDir>/$1",
    // ES-module-only (its package.json exports have no "require"); SWC compiles it like the rest.
    "^estree-walker$": "<rootDir>/node_modules/estree-walker/src/index.js",
  },
};

// The unified/remark/rehype family ships ES modules only; let SWC turn them into CommonJS for
// jest like our own code (next/jest would skip all of node_modules). Big CommonJS packages stay
// untouched for speed.
const KEEP_AS_IS = [
  "next",
  "react",
  "react-dom",
  "@tensorflow",
  "@prisma",
  "prisma",
  "zod",
  "playwright-core",
  "better-sqlite3",
  "pg",
  "katex",
  "typescript",
  "sucrase",
  "esbuild",
  "@next",
  "@swc",
];
/** @param {import("@jest/types").Config.InitialProjectOptions} config */
const withEsmDependencies = (config) => ({
  ...config,
  transformIgnorePatterns: [`/node_modules/(?:${KEEP_AS_IS.join("|")})/`, "^.+\\.module\\.(css|sass|scss)$"],
});

module.exports = async () => ({
  projects: [
    withEsmDependencies(
      await createConfig({
        ...shared,
        displayName: "unit",
        testMatch: ["<rootDir>/{lib,components,scripts,bench}/**/*.test.{ts,tsx}"],
        testPathIgnorePatterns: ["\\.claim\\.test\\.ts$", "\\.content\\.test\\.ts$"],
      })(),
    ),
    // The real courses: their library, their cells, their text compiled and checked.
    withEsmDependencies(
      await createConfig({
        ...shared,
        displayName: "content",
        testMatch: ["<rootDir>/content/**/*.test.ts", "<rootDir>/{lib,components,scripts}/**/*.content.test.{ts,tsx}"],
      })(),
    ),
    // Claims the lessons make, checked by training real models on tfjs (cpu): slow, so on their own.
    withEsmDependencies(
      await createConfig({
        ...shared,
        displayName: "claims",
        testMatch: ["<rootDir>/lib/**/*.claim.test.ts"],
      })(),
    ),
    withEsmDependencies(
      await createConfig({
        ...shared,
        displayName: "integration",
        testMatch: ["<rootDir>/tests/integration/**/*.test.ts"],
        // SQLite-only checks (file pragmas, the migrate script's file handling) skip the Postgres run.
        testPathIgnorePatterns: isPostgres ? ["\\.sqlite\\.test\\.ts$"] : [],
        globalSetup: "<rootDir>/tests/support/db-global-setup.ts",
        setupFiles: ["<rootDir>/tests/support/db-per-file.ts"],
      })(),
    ),
    withEsmDependencies(
      await createConfig({
        ...shared,
        displayName: "system",
        testMatch: ["<rootDir>/tests/system/**/*.test.ts"],
        globalSetup: "<rootDir>/tests/system/global-setup.ts",
        // Tests of one provider's behaviour (SQLite-only, or a PostgreSQL server they control).
        testPathIgnorePatterns: [isPostgres ? "\\.sqlite\\.test\\.ts$" : "\\.pg\\.test\\.ts$"],
      })(),
    ),
    withEsmDependencies(
      await createConfig({
        ...shared,
        displayName: "e2e",
        testMatch: ["<rootDir>/tests/e2e/**/*.test.ts"],
        testEnvironment: "<rootDir>/tests/e2e/environment.ts",
        globalSetup: "<rootDir>/tests/e2e/global-setup.ts",
        globalTeardown: "<rootDir>/tests/e2e/global-teardown.ts",
      })(),
    ),
  ],
});
