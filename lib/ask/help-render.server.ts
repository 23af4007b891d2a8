// A help page's Markdown → HTML, with the heading ids Ask AI's passages link to.
import "server-only";
import matter from "gray-matter";
import rehypeSlug from "rehype-slug";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeSlug).use(rehypeStringify);

export type RenderedHelp = { html: string; headings: { id: string; text: string; depth: 2 | 3 }[] };

export function renderHelp(source: string): RenderedHelp {
  const html = String(processor.processSync(matter(source).content));
  const headings = [...html.matchAll(/<h([23]) id="([^"]+)">([\s\S]*?)<\/h\1>/g)].map((m) => ({
    depth: Number(m[1]) as 2 | 3,
    id: m[2]!,
    text: m[3]!
      .replace(/<[^>]+>/g, "")
      .replace(/&#x27;/g, "'")
      .replace(/&#x26;/g, "&")
      .replace(/&quot;/g, '"'),
  }));
  return { html, headings };
}
