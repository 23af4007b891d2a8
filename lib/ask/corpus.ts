// What Ask AI searches: every course's chapters and vocabulary, and the help pages.
import fs from "node:fs";
import { chaptersInOrder, revisionOf, type Course } from "../content/load";
import { askFiles, readQuestionSets, readVocabulary } from "./course-data";
import { helpPages, helpPassages, type HelpPage } from "./help";
import { splitChapter, type Passage } from "./passages";
import type { ChapterInfo, IndexSource } from "./search";
import type { Vocabulary } from "./vocabulary";

export function coursePassages(courses: Course[]): Passage[] {
  return courses.flatMap((course) =>
    chaptersInOrder(course).flatMap((chapter) => splitChapter(fs.readFileSync(chapter.file, "utf8"), chapter)),
  );
}

export function courseVocabularies(courses: Course[]): Record<string, Vocabulary> {
  return Object.fromEntries(courses.map((c) => [c.slug, readVocabulary(c).vocabulary]));
}

export type Corpus = Required<IndexSource>;

/** Validates the question sets too (not indexed), so a bad file fails the build, not the tests. */
export function corpus(courses: Course[], help: HelpPage[] = helpPages()): Corpus {
  for (const course of courses) readQuestionSets(course);
  const chapters: Record<string, ChapterInfo> = {};
  for (const course of courses) for (const c of chaptersInOrder(course)) chapters[c.id] = { title: c.title, summary: c.summary };
  for (const page of help) chapters[`help/${page.slug}`] = { title: page.title, summary: page.summary };
  return { passages: [...coursePassages(courses), ...helpPassages(help)], vocabularies: courseVocabularies(courses), chapters };
}

export function contentKey(courses: Course[], help: HelpPage[] = helpPages()): string {
  return revisionOf(
    [
      ...courses.flatMap((c) => chaptersInOrder(c).map((ch) => `${ch.id}@${ch.revision}`)),
      ...courses.flatMap((c) => askFiles(c).map((f) => `${f.file}@${revisionOf(f.text)}`)),
      ...help.map((p) => `${p.href}@${revisionOf(p.source)}`),
    ].join("\n"),
  );
}
