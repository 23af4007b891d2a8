// Builds the Ask AI passage index into generated/ask-index.json (run before `next build`).
import fs from "node:fs";
import path from "node:path";
import { contentKey, coursePassages } from "../lib/ask/corpus";
import { buildIndex, serializeIndex } from "../lib/ask/search";
import { loadCoursesFrom } from "../lib/content/load";
import { parseEnv } from "../lib/env";

const courses = loadCoursesFrom(parseEnv(process.env).CONTENT_DIRS);
const passages = coursePassages(courses);
const out = path.resolve("generated", "ask-index.json");
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ key: contentKey(courses), index: serializeIndex(buildIndex(passages)) }));
console.log(`ask index built: ${passages.length} passages, ${(fs.statSync(out).size / 1024).toFixed(0)} KB`);
