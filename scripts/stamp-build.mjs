// Records the build's content folders for ensureBuild.
// @ts-check
import fs from "node:fs";
import { BUILD_STAMP } from "./lib.mjs";

const contentDirs = (process.env.CONTENT_DIRS || "content")
  .split(",")
  .map((d) => d.trim())
  .filter(Boolean)
  .join(",");
fs.writeFileSync(BUILD_STAMP, JSON.stringify({ contentDirs }) + "\n");
