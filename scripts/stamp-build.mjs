// `npm run build`'s last step: records what the build was made from (.next/lbr-build.json), so
// scripts/lib.mjs's ensureBuild rebuilds when the tests want other content folders than `npm start`.
// @ts-check
import fs from "node:fs";
import { BUILD_STAMP } from "./lib.mjs";

const contentDirs = (process.env.CONTENT_DIRS || "content")
  .split(",")
  .map((d) => d.trim())
  .filter(Boolean)
  .join(",");
fs.writeFileSync(BUILD_STAMP, JSON.stringify({ contentDirs }) + "\n");
