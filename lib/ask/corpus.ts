// All passages of all courses (used to build the index at build time, and by tests).
import fs from "node:fs";
import { chaptersInOrder, revisionOf, type Course } from "../content/load";
import { splitChapter, type Passage } from "./passages";

export function coursePassages(courses: Course[]): Passage[] {
  return courses.flatMap((course) =>
    chaptersInOrder(course).flatMap((chapter) => splitChapter(fs.readFileSync(chapter.file, "utf8"), chapter)),
  );
}

/** Identifies the content an index was built from: every chapter's revision. */
export function contentKey(courses: Course[]): string {
  return revisionOf(courses.flatMap((c) => chaptersInOrder(c).map((ch) => `${ch.id}@${ch.revision}`)).join("\n"));
}
