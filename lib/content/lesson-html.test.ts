// Static lesson HTML with islands: where the lesson is split, and the markup listings/tables get.
import type { Root } from "hast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { estimateHeight, rehypeLessonMarkup, splitLesson } from "./lesson-html";

const p = (text: string) => ({
  type: "element" as const,
  tagName: "p",
  properties: {},
  children: [{ type: "text" as const, value: text }],
});
const island = (name: string) => ({ type: "mdxJsxFlowElement", name, attributes: [], children: [] }) as never;

describe("splitLesson", () => {
  it("keeps runs of plain nodes as HTML and every top-level node holding an MDX component as an island, in order", () => {
    const wrapped = { type: "element", tagName: "div", properties: {}, children: [p("inside"), island("Callout")] } as never;
    const root: Root = {
      type: "root",
      children: [
        p("a <b>"),
        { type: "text", value: "\n" },
        p("b"),
        island("CodeCell"),
        p("c"),
        wrapped,
        { type: "mdxjsEsm", value: "export const x = 1" } as never,
      ],
    };
    const segments = splitLesson(root);
    expect(segments.map((s) => s.type)).toEqual(["html", "island", "html", "island"]);
    expect(segments[0]).toMatchObject({ type: "html", html: "<p>a &#x3C;b></p>\n<p>b</p>" });
    expect(segments[1]).toMatchObject({ type: "island", node: { name: "CodeCell" } });
    expect(segments[2]).toMatchObject({ type: "html", html: "<p>c</p>" });
    expect(segments[3]).toMatchObject({ type: "island", node: { tagName: "div" } });
  });

  it("also starts a new run at each h2 and h3, so off-screen sections can be skipped by the browser", () => {
    const heading = (tagName: string, text: string) => ({ ...p(text), tagName });
    const root: Root = {
      type: "root",
      children: [p("intro"), heading("h2", "A"), p("a"), heading("h3", "A.1"), heading("h4", "small"), p("b")],
    };
    expect(splitLesson(root)).toMatchObject([
      { type: "html", html: "<p>intro</p>" },
      { type: "html", html: "<h2>A</h2><p>a</p>" },
      { type: "html", html: "<h3>A.1</h3><h4>small</h4><p>b</p>" },
    ]);
  });

  it("returns one HTML run for a lesson without components, and nothing for an empty one", () => {
    expect(splitLesson({ type: "root", children: [p("only")] })).toMatchObject([{ type: "html", html: "<p>only</p>" }]);
    expect(splitLesson({ type: "root", children: [] })).toEqual([]);
  });
});

describe("rehypeLessonMarkup", () => {
  const render = (markdown: string) => {
    const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeLessonMarkup);
    const tree = processor.runSync(processor.parse(markdown)) as Root;
    return splitLesson(tree)
      .map((s) => (s.type === "html" ? s.html : ""))
      .join("");
  };

  it("wraps each table in a focusable, labelled scroll region; an empty corner makes the first column row headers", () => {
    const html = render("| | A |\n|---|---|\n| x | 1 |\n\n| B |\n|---|\n| 2 |\n");
    expect(html).toContain('<div class="table-scroll" tabindex="0" role="region" aria-label="Table 1"><table>');
    expect(html).toContain('aria-label="Table 2"');
    expect(html).toMatch(/<thead>\s*<tr>\s*<td><\/td>\s*<th>A<\/th>/);
    expect(html).toMatch(/<tbody>\s*<tr>\s*<th scope="row">x<\/th>\s*<td>1<\/td>/);
    // A table with a named first header keeps its cells as they are.
    expect(html).toMatch(/<tbody>\s*<tr>\s*<td>2<\/td>/);
  });

  it("gives a pretty-code listing the listing class and a copy button", () => {
    const tree: Root = {
      type: "root",
      children: [
        {
          type: "element",
          tagName: "figure",
          properties: { dataRehypePrettyCodeFigure: "" },
          children: [{ type: "element", tagName: "pre", properties: {}, children: [] }],
        },
      ],
    };
    rehypeLessonMarkup()(tree);
    const [segment] = splitLesson(tree);
    expect(segment).toMatchObject({
      type: "html",
      html: '<figure data-rehype-pretty-code-figure="" class="listing"><button type="button" class="copy-button" data-copy=""><span aria-live="polite">Copy</span></button><pre tabindex="0"></pre></figure>',
    });
  });
});

describe("estimateHeight (an off-screen run's placeholder height)", () => {
  const el = (tagName: string, children: unknown[], properties: Record<string, unknown> = {}) =>
    ({ type: "element", tagName, properties, children }) as never;
  const text = (value: string) => ({ type: "text", value });

  it("grows with the text, more on a phone's narrow column than at full width", () => {
    const short = estimateHeight([el("p", [text("One line.")])]);
    const long = estimateHeight([el("p", [text("word ".repeat(200))])]);
    expect(long.wide).toBeGreaterThan(short.wide * 5);
    expect(long.narrow).toBeGreaterThan(long.wide * 1.8);
    expect(short.narrow).toBe(short.wide); // one line either way
  });

  it("counts a listing's lines and a table's rows, whatever the width", () => {
    const listing = (n: number) =>
      el("figure", [
        el("pre", [
          el(
            "code",
            Array.from({ length: n }, () => el("span", [text("x")], { dataLine: "" })),
          ),
        ]),
      ]);
    expect(estimateHeight([listing(20)]).wide - estimateHeight([listing(10)]).wide).toBeCloseTo(10 * 21.5, 0);
    const table = el("div", [
      el("table", [
        el(
          "tbody",
          Array.from({ length: 6 }, () => el("tr", [el("td", [text("1")])])),
        ),
      ]),
    ]);
    expect(estimateHeight([table])).toEqual({ wide: 6 * 45 + 40, narrow: 6 * 45 + 40 });
  });
});
