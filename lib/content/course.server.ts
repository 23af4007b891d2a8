// The course tree for the running app, loaded once from CONTENT_DIRS.
import "server-only";
import { getEnv } from "@/lib/env.server";
import { chaptersInOrder, loadCoursesFrom, type Chapter, type Course } from "./load";

let cached: Course[] | undefined;

export function getCourses(): Course[] {
  // In development, reload so content edits show without a restart.
  if (!cached || process.env.NODE_ENV === "development") cached = loadCoursesFrom(getEnv().CONTENT_DIRS);
  return cached;
}

export function getCourse(slug: string): Course | undefined {
  return getCourses().find((c) => c.slug === slug);
}

export function getChapter(courseSlug: string, sectionSlug: string, chapterSlug: string) {
  const course = getCourse(courseSlug);
  if (!course) return undefined;
  const section = course.sections.find((s) => s.slug === sectionSlug);
  const chapters = chaptersInOrder(course);
  const index = chapters.findIndex((c) => c.sectionSlug === sectionSlug && c.slug === chapterSlug);
  const chapter = chapters[index];
  if (!section || !chapter) return undefined;
  return { course, section, chapter, prev: chapters[index - 1], next: chapters[index + 1] };
}

export function getChapterById(id: string): Chapter | undefined {
  for (const course of getCourses()) {
    const found = chaptersInOrder(course).find((c) => c.id === id);
    if (found) return found;
  }
  return undefined;
}
