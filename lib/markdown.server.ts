// Short Markdown snippets (quiz text) → HTML, with KaTeX math.
import "server-only";
import rehypeKatex from "rehype-katex";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { rehypeMathPunctuation } from "./content/math-punctuation";

// remark-rehype drops raw HTML, so the output is safe to insert.
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkMath)
  .use(remarkRehype)
  .use(rehypeKatex, { strict: "ignore" })
  .use(rehypeMathPunctuation)
  .use(rehypeStringify);

/** Throws if math does not render. */
export function renderMarkdown(markdown: string): string {
  const file = processor.processSync(markdown);
  const problem = file.messages.find((m) => m.source === "rehype-katex");
  if (problem) throw new Error(`math does not render: ${problem.cause instanceof Error ? problem.cause.message : problem.reason}`);
  return String(file);
}

type HastNode = { type: string; value?: string; tagName?: string; properties?: Record<string, unknown>; children?: HastNode[] };

/** Text a screen reader hears, math from KaTeX's MathML. */
function spokenText(node: HastNode): string {
  if (node.type === "text") return node.value ?? "";
  if (node.tagName === "annotation" || node.properties?.ariaHidden === "true" || node.properties?.ariaHidden === true) return "";
  const parts = (node.children ?? []).map(spokenText);
  return node.tagName === "msup" ? parts.join("^") : node.tagName === "msub" ? parts.join("_") : parts.join("");
}

/** An accessible name for a snippet with math (name computation skips MathML); undefined without math. */
export function mathLabel(markdown: string): string | undefined {
  const tree = processor.runSync(processor.parse(markdown)) as HastNode;
  const text = spokenText(tree).replace(/\s+/g, " ").trim();
  return markdown.includes("$") && /class="katex"/.test(renderMarkdown(markdown)) ? text : undefined;
}

/** A single paragraph is unwrapped. */
export function renderInlineMarkdown(markdown: string): string {
  const html = renderMarkdown(markdown).trim();
  const [, inner] = /^<p>([\s\S]*)<\/p>$/.exec(html) ?? [];
  return inner !== undefined && !inner.includes("<p>") ? inner : html;
}
