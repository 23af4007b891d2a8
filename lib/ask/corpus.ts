// What Ask AI searches: every course's chapters and the platform's help pages, and every
// course's vocabulary (used to build the index at build time, and by tests).
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

/** Each course's vocabulary, by course slug. Throws AskDataError for a bad file. */
export function courseVocabularies(courses: Course[]): Record<string, Vocabulary> {
  return Object.fromEntries(courses.map((c) => [c.slug, readVocabulary(c).vocabulary]));
}

export type Corpus = Required<IndexSource>;

/**
 * Everything the index is built from. The courses' question sets are validated too (they are
 * not indexed), so a bad file fails the build instead of the tests.
 */
export function corpus(courses: Course[], help: HelpPage[] = helpPages()): Corpus {
  for (const course of courses) readQuestionSets(course);
  const chapters: Record<string, ChapterInfo> = {};
  for (const course of courses) for (const c of chaptersInOrder(course)) chapters[c.id] = { title: c.title, summary: c.summary };
  for (const page of help) chapters[`help/${page.slug}`] = { title: page.title, summary: page.summary };
  return { passages: [...coursePassages(courses), ...helpPassages(help)], vocabularies: courseVocabularies(courses), chapters };
}

/** Identifies the content an index was built from: every chapter's revision, help page and ask file. */
export function contentKey(courses: Course[], help: HelpPage[] = helpPages()): string {
  return revisionOf(
    [
      ...courses.flatMap((c) => chaptersInOrder(c).map((ch) => `${ch.id}@${ch.revision}`)),
      ...courses.flatMap((c) => askFiles(c).map((f) => `${f.file}@${revisionOf(f.text)}`)),
      ...help.map((p) => `${p.href}@${revisionOf(p.source)}`),
    ].join("\n"),
  );
}
