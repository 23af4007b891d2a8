// `npm run content:check [-- <dir>...]`: validates and compiles every chapter.
import { checkContent } from "../lib/authors/content-check.server";
import { ContentError } from "../lib/content/load";
import { parseEnv } from "../lib/env";

async function main() {
  const args = process.argv.slice(2);
  const dirs = args.length ? args : parseEnv(process.env).CONTENT_DIRS;
  const { courses, compiled, quizzes } = await checkContent(dirs);
  console.log(`content ok: ${courses} course(s), ${compiled} chapter(s) compiled, ${quizzes} quiz(zes) valid`);
}

main().catch((e: unknown) => {
  console.error(e instanceof ContentError ? e.message : `content check failed: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
