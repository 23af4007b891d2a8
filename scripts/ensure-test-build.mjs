// Before browser and system tests: Chromium (--chromium), a build with the fixture courses.
// @ts-check
import { tsImport } from "tsx/esm/api";
import { ensureBuild, ensureChromium } from "./lib.mjs";

/** @type {typeof import("../tests/support/content-dirs.ts")} */
const { TEST_CONTENT_DIRS } = await tsImport("../tests/support/content-dirs.ts", import.meta.url);
if (process.argv.includes("--chromium")) ensureChromium();
ensureBuild({ contentDirs: TEST_CONTENT_DIRS });
