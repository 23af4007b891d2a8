// "On this page": links to the chapter's h2/h3 headings; behind a toggle on phones.
import "./chapter.css";
import type { Heading } from "@/lib/content/compile-mdx.server";
import { Disclosure } from "./Disclosure";

export function Toc({ headings }: { headings: Heading[] }) {
  if (headings.length === 0) return null;
  return (
    <Disclosure name="toc-box" label={`On this page (${headings.length})`}>
      <nav aria-labelledby="toc-heading" className="toc">
        <h2 id="toc-heading" className="toc-heading">
          On this page
        </h2>
        <ol>
          {headings.map((h) => (
            <li key={h.id} className={h.depth === 3 ? "toc-sub" : undefined}>
              <a href={`#${h.id}`}>{h.text}</a>
            </li>
          ))}
        </ol>
      </nav>
    </Disclosure>
  );
}
