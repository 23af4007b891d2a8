// Zod schemas for course content files: course.md, section.md and chapter .mdx frontmatter.
import { z } from "zod";

/** Folder and file names become URL segments, so they must already be URL-safe slugs. */
export const slugSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a lowercase slug like 'weight-penalties'");

const order = z.number().int().positive();
const text = z.string().trim().min(1);

/** A course's `lib/` folder is its code library, never a section. */
export const COURSE_LIBRARY_FOLDER = "lib";
/** A course's `ask/` folder holds its Ask AI vocabulary and test questions (lib/ask/course-data.ts), never a section. */
export const COURSE_ASK_FOLDER = "ask";

export const courseFrontmatterSchema = z
  .object({
    title: text,
    summary: text,
    order: order.default(1),
    /** The course's own code library, `<course>/lib/index.ts`, which cells import as "course/<library>". */
    library: slugSchema.optional(),
    /** Ask AI for this course: what the model must know about its conventions, and the
     *  suggested questions for chapters that set no `prompts`. */
    ask: z
      .object({ instructions: text.max(1000).optional(), suggestions: z.array(text.max(200)).max(6).default([]) })
      .strict()
      .default({ suggestions: [] }),
  })
  .strict();

export const sectionFrontmatterSchema = z.object({ title: text, order }).strict();

export const chapterFrontmatterSchema = z
  .object({
    title: text,
    /** Position inside its section; chapters are numbered by sorting on it. */
    order,
    summary: text.max(300),
    /** Suggested questions for the "Ask AI" panel. */
    prompts: z.array(text.max(200)).max(6).default([]),
  })
  .strict();

export type CourseFrontmatter = z.infer<typeof courseFrontmatterSchema>;
export type SectionFrontmatter = z.infer<typeof sectionFrontmatterSchema>;
export type ChapterFrontmatter = z.infer<typeof chapterFrontmatterSchema>;
