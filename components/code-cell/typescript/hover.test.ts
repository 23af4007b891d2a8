// Hover docs: Markdown rendered (fences, code, emphasis), raw HTML escaped, tfjs's @doc tags hidden.
import { markdownHtml, tagMarkdown } from "./hover";

it("renders a fenced example and inline code instead of showing the fences", () => {
  const html = markdownHtml("Adds two tensors.\n\n```js\nconst a = tf.tensor1d([1, 2]);\n```\n\nSee `tf.sub`.");
  expect(html).toContain('<pre><code class="language-js">const a = tf.tensor1d([1, 2]);\n</code></pre>');
  expect(html).toContain("<code>tf.sub</code>");
  expect(html).not.toContain("```");
});

it("escapes raw HTML and drops javascript: links", () => {
  const html = markdownHtml('<img src=x onerror="alert(1)"> [x](javascript:alert(1))');
  expect(html).not.toContain("<img");
  expect(html).toContain("&lt;img");
  expect(html).not.toContain("javascript:");
});

it("turns {@link} into code and formats tags, hiding @doc", () => {
  expect(tagMarkdown("doc", "{heading: 'Operations', subheading: 'Arithmetic'}")).toBeNull();
  expect(tagMarkdown("param", "a The first {@link tf.Tensor}.")).toBe("**param** `a` — The first `tf.Tensor`.");
  expect(tagMarkdown("returns", "The sum.")).toBe("**returns** The sum.");
  expect(markdownHtml(tagMarkdown("param", "rate - the drop probability")!)).toBe(
    "<p><strong>param</strong> <code>rate</code> — the drop probability</p>",
  );
});
