// `npm run content:check`: every course loads, every chapter and quiz compiles.
import "server-only";
import { loadQuiz } from "@/lib/quiz/quiz.server";
import { compileMdx } from "@/lib/content/compile-mdx.server";
import { chaptersInOrder, ContentError, loadCoursesFrom } from "@/lib/content/load";

export type ContentSummary = { courses: number; compiled: number; quizzes: number };

/** Throws ContentError. */
export async function checkContent(dirs: readonly string[]): Promise<ContentSummary> {
  const courses = loadCoursesFrom(dirs);
  const problems: string[] = [];
  let compiled = 0;
  let quizzes = 0;
  for (const course of courses) {
    for (const chapter of chaptersInOrder(course)) {
      try {
        await compileMdx(chapter);
        compiled += 1;
      } catch (e) {
        problems.push((e as Error).message.split("\n")[0] ?? String(e));
      }
      try {
        if (loadQuiz(chapter)) quizzes += 1;
      } catch (e) {
        problems.push(...(e instanceof ContentError ? e.problems : [(e as Error).message]));
      }
    }
  }
  if (problems.length) throw new ContentError(problems);
  return { courses: courses.length, compiled, quizzes };
}
