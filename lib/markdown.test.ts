// Markdown snippets render with math, and raw HTML stays inert.
import { renderInlineMarkdown, renderMarkdown } from "./markdown.server";

it("renders emphasis, code and KaTeX math", () => {
  const html = renderInlineMarkdown("Scale by $1/(1-p)$ with **`tf.layers.dropout`**");
  expect(html).toMatch(/^Scale by <span class="katex">/);
  expect(html).toContain("<strong><code>tf.layers.dropout</code></strong>");
});

it("drops raw HTML", () => {
  expect(renderMarkdown('<script>alert(1)</script> <img src=x onerror="alert(1)"> text')).not.toMatch(/<script|<img/);
});

it("rejects math KaTeX cannot render", () => {
  expect(() => renderMarkdown("$\\frac{1}{$")).toThrow(/math does not render/);
});
