// The platform's help pages (content/help/<page>.md), also as Ask AI passages.
import fs from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { z } from "zod";
import { describeIssues } from "../schemas/issues";
import { AskDataError } from "./course-data";
import { splitChapter, type Passage } from "./passages";

export const HELP_DIR = path.join(process.cwd(), "content", "help");

export const helpFrontmatterSchema = z
  .object({
    title: z.string().trim().min(1).max(120),
    summary: z.string().trim().min(1).max(300),
  })
  .strict();

export type HelpPage = { slug: string; title: string; summary: string; href: string; file: string; source: string };

export function helpPages(dir = HELP_DIR): HelpPage[] {
  if (!fs.existsSync(/* turbopackIgnore: true */ dir)) return [];
  return fs
    .readdirSync(/* turbopackIgnore: true */ dir)
    .filter((f) => /^[a-z0-9-]+\.md$/.test(f))
    .sort()
    .map((name) => {
      const file = path.join(/* turbopackIgnore: true */ dir, name);
      const source = fs.readFileSync(/* turbopackIgnore: true */ file, "utf8");
      const parsed = helpFrontmatterSchema.safeParse(matter(source).data);
      if (!parsed.success) throw new AskDataError(path.relative(process.cwd(), file), `frontmatter ${describeIssues(parsed.error)}`);
      const slug = name.slice(0, -".md".length);
      return { slug, ...parsed.data, href: `/help/${slug}`, file, source };
    });
}

export function helpPage(slug: string, dir = HELP_DIR): HelpPage | undefined {
  return helpPages(dir).find((p) => p.slug === slug);
}

export function helpPassages(pages: HelpPage[] = helpPages()): Passage[] {
  return pages.flatMap((p) => splitChapter(p.source, { id: `help/${p.slug}`, title: p.title, href: p.href }));
}
