// Reads and validates the course tree.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import type { z } from "zod";
import {
  chapterFrontmatterSchema,
  COURSE_ASK_FOLDER,
  COURSE_FIGURES_FOLDER,
  COURSE_LIBRARY_FOLDER,
  courseFrontmatterSchema,
  sectionFrontmatterSchema,
  slugSchema,
} from "./schema";
import { describeIssues } from "../schemas/issues";

export type Chapter = {
  /** "course/section/chapter", stored with progress, attempts and feedback. */
  id: string;
  courseSlug: string;
  sectionSlug: string;
  slug: string;
  title: string;
  summary: string;
  /** Ask AI's suggested questions (the chapter's, else the course's). */
  prompts: string[];
  askInstructions?: string;
  /** 1-based. */
  number: number;
  sectionNumber: number;
  sectionTitle: string;
  href: string;
  /** Short hash of the chapter's source. */
  revision: string;
  file: string;
};

export type Section = { slug: string; title: string; number: number; href: string; chapters: Chapter[] };
export type Course = {
  slug: string;
  title: string;
  summary: string;
  href: string;
  /** "course/<library>", the module id cells import it by. */
  library?: { id: string; file: string };
  sections: Section[];
};

export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid course content:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ContentError";
  }
}

export function revisionOf(source: string | Buffer): string {
  return createHash("sha256").update(source).digest("hex").slice(0, 12);
}

const byOrder = <T extends { order: number }>(a: T, b: T) => a.order - b.order;

type Ordered<T> = T & { order: number; where: string };
type LoadingSection = Ordered<Omit<Section, "chapters">> & { chapters: Ordered<Chapter>[] };

/** Throws ContentError naming every problem. */
export function loadCourses(contentDir: string): Course[] {
  const problems: string[] = [];
  const rel = (p: string) => path.relative(process.cwd(), p) || p;

  function parse<S extends z.ZodType>(file: string, schema: S): { data: z.infer<S>; raw: Buffer } | null {
    if (!fs.existsSync(file)) {
      problems.push(`${rel(file)}: file is missing`);
      return null;
    }
    const raw = fs.readFileSync(file);
    let data: unknown;
    try {
      data = matter(raw.toString("utf8")).data;
    } catch (e) {
      problems.push(`${rel(file)}: frontmatter is not valid YAML (${(e as Error).message.split("\n")[0]})`);
      return null;
    }
    const result = schema.safeParse(data);
    if (!result.success) {
      problems.push(`${rel(file)}: frontmatter ${describeIssues(result.error)}`);
      return null;
    }
    return { data: result.data, raw };
  }

  function checkSlug(name: string, where: string): boolean {
    const ok = slugSchema.safeParse(name).success;
    if (!ok) problems.push(`${rel(where)}: name "${name}" must be a lowercase slug like "weight-penalties"`);
    return ok;
  }

  function checkUniqueOrder(items: { order: number; where: string }[], what: string) {
    const seen = new Map<number, string>();
    for (const item of items) {
      const other = seen.get(item.order);
      if (other) problems.push(`${rel(item.where)}: order ${item.order} is already used by ${what} ${rel(other)}`);
      else seen.set(item.order, item.where);
    }
  }

  const coursesDir = path.join(contentDir, "courses");
  if (!fs.existsSync(coursesDir)) throw new ContentError([`${rel(coursesDir)}: folder is missing`]);
  const dirs = (p: string) =>
    fs
      .readdirSync(p, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();

  const courses: (Course & { order: number })[] = [];
  for (const courseSlug of dirs(coursesDir)) {
    const courseDir = path.join(coursesDir, courseSlug);
    if (!checkSlug(courseSlug, courseDir)) continue;
    const courseMeta = parse(path.join(courseDir, "course.md"), courseFrontmatterSchema);
    const sections: LoadingSection[] = [];

    const library = courseMeta?.data.library;
    const libraryFile = path.join(courseDir, COURSE_LIBRARY_FOLDER, "index.ts");
    if (library && !fs.existsSync(libraryFile))
      problems.push(`${rel(libraryFile)}: file is missing (course.md declares library "${library}")`);

    for (const sectionSlug of dirs(courseDir).filter(
      (d) => ![COURSE_LIBRARY_FOLDER, COURSE_ASK_FOLDER, COURSE_FIGURES_FOLDER].includes(d),
    )) {
      const sectionDir = path.join(courseDir, sectionSlug);
      if (!checkSlug(sectionSlug, sectionDir)) continue;
      const sectionFile = path.join(sectionDir, "section.md");
      const sectionMeta = parse(sectionFile, sectionFrontmatterSchema);
      const chapters: Ordered<Chapter>[] = [];
      const entries = fs.readdirSync(sectionDir);
      const chapterFiles = entries.filter((f) => f.endsWith(".mdx")).sort();
      for (const quiz of entries.filter((f) => f.endsWith(".quiz.yaml"))) {
        if (!chapterFiles.includes(quiz.replace(/\.quiz\.yaml$/, ".mdx"))) {
          problems.push(
            `${rel(path.join(sectionDir, quiz))}: quiz has no chapter (expected ${quiz.replace(/\.quiz\.yaml$/, ".mdx")} beside it)`,
          );
        }
      }
      for (const fileName of chapterFiles) {
        const file = path.join(sectionDir, fileName);
        const slug = fileName.slice(0, -".mdx".length);
        if (!checkSlug(slug, file)) continue;
        const meta = parse(file, chapterFrontmatterSchema);
        if (!meta) continue;
        chapters.push({
          id: `${courseSlug}/${sectionSlug}/${slug}`,
          courseSlug,
          sectionSlug,
          slug,
          title: meta.data.title,
          summary: meta.data.summary,
          prompts: meta.data.prompts.length ? meta.data.prompts : (courseMeta?.data.ask.suggestions ?? []),
          askInstructions: courseMeta?.data.ask.instructions,
          number: 0,
          sectionNumber: 0,
          sectionTitle: sectionMeta?.data.title ?? "",
          href: `/courses/${courseSlug}/${sectionSlug}/${slug}`,
          revision: revisionOf(meta.raw),
          file,
          order: meta.data.order,
          where: file,
        });
      }
      if (!sectionMeta) continue;
      if (chapterFiles.length === 0) problems.push(`${rel(sectionDir)}: section has no chapters (.mdx files)`);
      checkUniqueOrder(chapters, "chapter");
      sections.push({
        slug: sectionSlug,
        title: sectionMeta.data.title,
        number: 0,
        href: `/courses/${courseSlug}/${sectionSlug}`,
        chapters: chapters.sort(byOrder),
        order: sectionMeta.data.order,
        where: sectionFile,
      });
    }
    if (!courseMeta) continue;
    if (sections.length === 0 && problems.length === 0) problems.push(`${rel(courseDir)}: course has no sections`);
    checkUniqueOrder(sections, "section");
    sections.sort(byOrder);
    sections.forEach((section, s) => {
      section.number = s + 1;
      section.chapters.forEach((chapter, c) => {
        chapter.number = c + 1;
        chapter.sectionNumber = s + 1;
      });
    });
    courses.push({
      slug: courseSlug,
      title: courseMeta.data.title,
      summary: courseMeta.data.summary,
      href: `/courses/${courseSlug}`,
      ...(library ? { library: { id: `course/${library}`, file: libraryFile } } : {}),
      sections: sections.map(({ order: _o, where: _w, chapters, ...s }) => ({
        ...s,
        chapters: chapters.map(({ order: _co, where: _cw, ...c }) => c),
      })),
      order: courseMeta.data.order,
    });
  }
  if (problems.length) throw new ContentError(problems);
  return courses.sort(byOrder).map(({ order: _o, ...c }) => c);
}

export function loadCoursesFrom(contentDirs: readonly string[]): Course[] {
  const courses = contentDirs.flatMap((dir) => loadCourses(path.resolve(dir)));
  const seen = new Set<string>();
  const repeated = courses
    .filter((c) => seen.size === seen.add(c.slug).size)
    .map((c) => `course "${c.slug}" appears in more than one of ${contentDirs.join(", ")}`);
  if (repeated.length) throw new ContentError(repeated);
  return courses;
}

export function chaptersInOrder(course: Course): Chapter[] {
  return course.sections.flatMap((s) => s.chapters);
}
