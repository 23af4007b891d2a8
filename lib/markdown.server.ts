// Short Markdown snippets (quiz prompts, choices, rationales) → HTML, with KaTeX math.
import "server-only";
import rehypeKatex from "rehype-katex";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

// Raw HTML in the Markdown is dropped (remark-rehype's default), so the output is safe to insert.
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkMath)
  .use(remarkRehype)
  .use(rehypeKatex, { strict: "ignore" })
  .use(rehypeStringify);

/** Renders Markdown; throws if math does not render (content must not ship broken math). */
export function renderMarkdown(markdown: string): string {
  const file = processor.processSync(markdown);
  const problem = file.messages.find((m) => m.source === "rehype-katex");
  if (problem) throw new Error(`math does not render: ${problem.cause instanceof Error ? problem.cause.message : problem.reason}`);
  return String(file);
}

/** Inline variant: a single paragraph is unwrapped (for choice labels and legends). */
export function renderInlineMarkdown(markdown: string): string {
  const html = renderMarkdown(markdown).trim();
  const single = /^<p>([\s\S]*)<\/p>$/.exec(html);
  return single && !single[1].includes("<p>") ? single[1] : html;
}
