// Markdown snippets render with math, and raw HTML stays inert.
import { mathLabel, renderInlineMarkdown, renderMarkdown } from "./markdown.server";

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

it("gives math-only and mixed snippets a plain-text name read from the MathML, and plain text none", () => {
  expect(mathLabel("$0.3,\\ 0.1,\\ 0.03,\\ 0.01$")).toBe("0.3, 0.1, 0.03, 0.01");
  expect(mathLabel("One run at $10^{-6}$, to be safe.")).toBe("One run at 10^−6, to be safe.");
  expect(mathLabel("Costs $5 or more")).toBeUndefined();
  expect(mathLabel("No math here")).toBeUndefined();
});
