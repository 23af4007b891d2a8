// Builds generated/ask-index.json; a bad Ask AI file stops the build.
import fs from "node:fs";
import path from "node:path";
import { contentKey, corpus } from "../lib/ask/corpus";
import { AskDataError } from "../lib/ask/course-data";
import { buildIndex, serializeIndex } from "../lib/ask/search";
import { loadCoursesFrom } from "../lib/content/load";
import { parseEnv } from "../lib/env";

const courses = loadCoursesFrom(parseEnv(process.env).CONTENT_DIRS);
let source: ReturnType<typeof corpus>;
try {
  source = corpus(courses);
} catch (e) {
  if (!(e instanceof AskDataError)) throw e;
  console.error(`✗ Ask AI: ${e.message}`);
  process.exit(1);
}
const out = path.resolve("generated", "ask-index.json");
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ key: contentKey(courses), index: serializeIndex(buildIndex(source)) }));
const vocabulary = Object.values(source.vocabularies).reduce((n, v) => n + v.length, 0);
console.log(
  `ask index built: ${source.passages.length} passages, ${vocabulary} vocabulary entries, ${(fs.statSync(out).size / 1024).toFixed(0)} KB`,
);
