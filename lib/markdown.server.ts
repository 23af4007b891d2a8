// Short Markdown snippets (quiz prompts, choices, rationales) → HTML, with KaTeX math.
import "server-only";
import rehypeKatex from "rehype-katex";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { rehypeMathPunctuation } from "./content/math-punctuation";

// Raw HTML in the Markdown is dropped (remark-rehype's default), so the output is safe to insert.
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkMath)
  .use(remarkRehype)
  .use(rehypeKatex, { strict: "ignore" })
  .use(rehypeMathPunctuation)
  .use(rehypeStringify);

/** Renders Markdown; throws if math does not render (content must not ship broken math). */
export function renderMarkdown(markdown: string): string {
  const file = processor.processSync(markdown);
  const problem = file.messages.find((m) => m.source === "rehype-katex");
  if (problem) throw new Error(`math does not render: ${problem.cause instanceof Error ? problem.cause.message : problem.reason}`);
  return String(file);
}

type HastNode = { type: string; value?: string; tagName?: string; properties?: Record<string, unknown>; children?: HastNode[] };

/** Text a reader hears, math read from KaTeX's MathML (x^{-6} as "x^−6"); hidden parts skipped. */
function spokenText(node: HastNode): string {
  if (node.type === "text") return node.value ?? "";
  if (node.tagName === "annotation" || node.properties?.ariaHidden === "true" || node.properties?.ariaHidden === true) return "";
  const parts = (node.children ?? []).map(spokenText);
  return node.tagName === "msup" ? parts.join("^") : node.tagName === "msub" ? parts.join("_") : parts.join("");
}

/**
 * The plain text of an inline snippet that contains math, for an accessible name (a choice whose
 * label is only math would otherwise have none: name computation skips MathML); undefined when
 * the snippet has no math, so its visible text is its name.
 */
export function mathLabel(markdown: string): string | undefined {
  const tree = processor.runSync(processor.parse(markdown)) as HastNode;
  const text = spokenText(tree).replace(/\s+/g, " ").trim();
  return markdown.includes("$") && /class="katex"/.test(renderMarkdown(markdown)) ? text : undefined;
}

/** Inline variant: a single paragraph is unwrapped (for choice labels and legends). */
export function renderInlineMarkdown(markdown: string): string {
  const html = renderMarkdown(markdown).trim();
  const [, inner] = /^<p>([\s\S]*)<\/p>$/.exec(html) ?? [];
  return inner !== undefined && !inner.includes("<p>") ? inner : html;
}
