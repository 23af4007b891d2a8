// The item cards render on the server: a chart with a text alternative and a table per item kind.
import { renderToStaticMarkup } from "react-dom/server";
import type { ItemStats } from "@/lib/authors/report.server";
import { ItemCard, ItemOverview } from "./ItemAnalysis";

const base: ItemStats = {
  chapterId: "course/section/chapter",
  chapterTitle: "Chapter",
  questionId: "q1",
  type: "single",
  kind: "choice",
  labelHtml: "Which <em>one</em>?",
  firstAttempts: 20,
  correct: 19,
  facility: 0.95,
  meanScore: 0.95,
  discrimination: { n: 18, r: -0.12, rest: -0.2 },
  flags: ["too-easy", "negative-discrimination"],
};

it("shows a choice item's picks as bars and as a table, key marked, flags spelled out", () => {
  const html = renderToStaticMarkup(
    <ItemCard
      item={{
        ...base,
        choices: [
          { id: "a", html: "right", correct: true, picked: 19 },
          { id: "b", html: "wrong", correct: false, picked: 1 },
        ],
      }}
    />,
  );
  expect(html).toContain('role="img"');
  expect(html).toContain('aria-label="Share of first attempts picking each choice: A 95% (key), B 5%. Details in the table."');
  expect(html).toContain("✓ key");
  expect(html).toContain("too easy (facility &gt; 90%)");
  expect(html).toContain("r −0.12");
  expect(html).toContain("<details"); // open: it has flags
  expect(html).toMatch(/<details[^>]* open=""/);
});

it("shows facility per parameter third with the overall line", () => {
  const html = renderToStaticMarkup(
    <ItemCard
      item={{
        ...base,
        type: "computed",
        kind: "number",
        flags: [],
        facility: 0.5,
        params: [
          {
            name: "h",
            min: 0.5,
            max: 3,
            thirds: [
              { third: "low", n: 2, correct: 2, facility: 1, lo: 0.5, hi: 1.2 },
              { third: "middle", n: 0, correct: 0, facility: null, lo: null, hi: null },
              { third: "high", n: 2, correct: 0, facility: 0, lo: 2.9, hi: 2.9 },
            ],
          },
        ],
      }}
    />,
  );
  expect(html).toContain("h low 100% of 2, h middle – of 0, h high 0% of 2; dashed line: the item&#x27;s facility, 50%.");
  expect(html).toContain("0.5–1.2");
  expect(html).not.toMatch(/<details[^>]* open=""/);
});

it("lists the items of a chapter with links to their details", () => {
  const html = renderToStaticMarkup(<ItemOverview chapterTitle="Chapter" items={[base]} />);
  expect(html).toContain('href="#item-course-section-chapter-q1"');
  expect(html).toContain("95%");
});
