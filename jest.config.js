// Jest projects: unit, content (the real courses), claims, integration, system and e2e (decision 0166).
// @ts-check
const nextJest = require("next/jest").default;

const createConfig = nextJest({ dir: __dirname });
// The provider from lib/env.ts, and the fixture courses' CONTENT_DIRS.
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
    // ES-module-only: its exports have no "require".
    "^estree-walker$": "<rootDir>/node_modules/estree-walker/src/index.js",
  },
};

// unified/remark/rehype ship ES modules only, so SWC compiles node_modules but for these big CommonJS packages.
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
    withEsmDependencies(
      await createConfig({
        ...shared,
        displayName: "content",
        testMatch: ["<rootDir>/content/**/*.test.ts", "<rootDir>/{lib,components,scripts}/**/*.content.test.{ts,tsx}"],
        testPathIgnorePatterns: ["\\.claim\\.test\\.ts$"],
      })(),
    ),
    // Trains real models on tfjs: slow, so on their own.
    withEsmDependencies(
      await createConfig({
        ...shared,
        displayName: "claims",
        testMatch: ["<rootDir>/{lib,content}/**/*.claim.test.ts"],
      })(),
    ),
    withEsmDependencies(
      await createConfig({
        ...shared,
        displayName: "integration",
        testMatch: ["<rootDir>/tests/integration/**/*.test.ts"],
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
