// Before the browser and system tests: Chromium (browser tests only) and a production build of
// the app with the fixture courses (tests/support/content-dirs.ts), built only when sources are
// newer than the build.   node scripts/ensure-test-build.mjs [--chromium]
// @ts-check
import { tsImport } from "tsx/esm/api";
import { ensureBuild, ensureChromium } from "./lib.mjs";

/** @type {typeof import("../tests/support/content-dirs.ts")} */
const { TEST_CONTENT_DIRS } = await tsImport("../tests/support/content-dirs.ts", import.meta.url);
if (process.argv.includes("--chromium")) ensureChromium();
ensureBuild({ contentDirs: TEST_CONTENT_DIRS });
