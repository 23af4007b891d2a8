// Validates all course content and compiles every chapter, as `next build` would.
//   npm run content:check [-- <content-dir>]
// Exit code 1 with one line per problem (file and field) when anything is wrong.
import path from "node:path";
import { compileMdx } from "../lib/content/compile-mdx.server";
import { chaptersInOrder, ContentError, loadCourses } from "../lib/content/load";
import { loadQuiz } from "../lib/quiz/quiz.server";

async function main() {
  const dir = path.resolve(process.argv[2] ?? "content");
  const courses = loadCourses(dir);
  const problems: string[] = [];
  let compiled = 0;
  let quizzes = 0;
  for (const course of courses) {
    for (const chapter of chaptersInOrder(course)) {
      try {
        await compileMdx(chapter);
        compiled += 1;
      } catch (e) {
        problems.push((e as Error).message.split("\n")[0]);
      }
      try {
        if (loadQuiz(chapter)) quizzes += 1;
      } catch (e) {
        problems.push(...(e instanceof ContentError ? e.problems : [(e as Error).message]));
      }
    }
  }
  if (problems.length) throw new ContentError(problems);
  console.log(`content ok: ${courses.length} course(s), ${compiled} chapter(s) compiled, ${quizzes} quiz(zes) valid`);
}

main().catch((e: unknown) => {
  console.error(e instanceof ContentError ? e.message : `content check failed: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
