// Inline math keeps the punctuation that touches it; everything else is left as it was.
import rehypeKatex from "rehype-katex";
import rehypeStringify from "rehype-stringify";
import remarkMath from "remark-math";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import type { Root } from "hast";
import { unified } from "unified";
import { rehypeMathPunctuation } from "./math-punctuation";

const render = (markdown: string) =>
  String(
    unified()
      .use(remarkParse)
      .use(remarkMath)
      .use(remarkRehype)
      .use(rehypeKatex)
      .use(rehypeMathPunctuation)
      .use(rehypeStringify)
      .processSync(markdown),
  );

/** The page's text with each wrapped group in [brackets] and math shown by its TeX source. */
function shape(html: string): string {
  return html
    .replace(
      /<span class="katex">.*?<annotation encoding="application\/x-tex">(.*?)<\/annotation>.*?<\/span><\/span><\/span>(?:<\/span>)*/g,
      "«$1»",
    )
    .replace(/<span class="math-nobr">(.*?)<\/span>/g, "[$1]")
    .replace(/<\/?p>/g, "");
}

describe("rehypeMathPunctuation", () => {
  it("wraps math with the closing punctuation after it and the opening mark before it", () => {
    expect(shape(render("with probability $p$, drawing ($x$) and $y$."))).toBe("with probability [«p»,] drawing [(«x»)] and [«y».]");
  });

  it("keeps the rest of the text after the punctuation, and math without punctuation alone", () => {
    expect(shape(render("so $a$; then $b$ and $c$:d"))).toBe("so [«a»;] then «b» and [«c»:]d");
  });

  it("finds math inside inline elements (emphasis, list items) and leaves display math alone", () => {
    expect(shape(render("- *keep $q$,* more"))).toContain("<em>keep [«q»,]</em>");
    expect(render("$$\nz\n$$\n\nend.")).not.toContain("math-nobr");
  });

  it("leaves text without math unchanged", () => {
    expect(render("plain, text (here).")).toBe("<p>plain, text (here).</p>");
  });
});

it("also wraps math inside MDX components (an exercise's task and hints)", () => {
  const processor = unified().use(remarkParse).use(remarkMath).use(remarkRehype).use(rehypeKatex);
  const inner = processor.runSync(processor.parse("scale by $1/(1-p)$. When not training")) as Root;
  const tree = {
    type: "root",
    children: [{ type: "mdxJsxFlowElement", name: "Exercise", attributes: [], children: inner.children }],
  } as unknown as Root;
  rehypeMathPunctuation()(tree);
  const html = JSON.stringify(tree);
  expect(html).toContain('"className":["math-nobr"]');
});
