// Frontmatter schemas of course.md, section.md and chapter .mdx files.
import { z } from "zod";

/** Folder and file names become URL segments. */
export const slugSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a lowercase slug like 'weight-penalties'");

const order = z.number().int().positive();
const text = z.string().trim().min(1);

/** Course folders that are never sections. */
export const COURSE_LIBRARY_FOLDER = "lib";
export const COURSE_ASK_FOLDER = "ask";
export const COURSE_FIGURES_FOLDER = "figures";

export const courseFrontmatterSchema = z
  .object({
    title: text,
    summary: text,
    order: order.default(1),
    /** `<course>/lib/index.ts`, imported by cells as "course/<library>". */
    library: slugSchema.optional(),
    /** The model's instructions, and suggested questions for chapters without `prompts`. */
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
    order,
    summary: text.max(300),
    /** Suggested questions for the "Ask AI" panel. */
    prompts: z.array(text.max(200)).max(6).default([]),
  })
  .strict();

export type CourseFrontmatter = z.infer<typeof courseFrontmatterSchema>;
export type SectionFrontmatter = z.infer<typeof sectionFrontmatterSchema>;
export type ChapterFrontmatter = z.infer<typeof chapterFrontmatterSchema>;
