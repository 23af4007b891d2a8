// A course's outline: each chapter's exercises and whether it has a quiz.
import "server-only";
import { partsOf } from "@/lib/content/parts.server";
import { chaptersInOrder, type Chapter, type Course } from "@/lib/content/load";
import { getQuiz } from "@/lib/quiz/quiz.server";
import type { OutlineChapter } from "./outline";

export async function chapterOutline(chapter: Chapter): Promise<OutlineChapter> {
  return {
    id: chapter.id,
    label: `${chapter.sectionNumber}.${chapter.number}`,
    title: chapter.title,
    href: chapter.href,
    exercises: (await partsOf(chapter)).exercises.map((e) => ({ id: e.id, title: e.title })),
    hasQuiz: getQuiz(chapter) !== undefined,
  };
}

export function courseOutline(course: Course): Promise<OutlineChapter[]> {
  return Promise.all(chaptersInOrder(course).map(chapterOutline));
}
