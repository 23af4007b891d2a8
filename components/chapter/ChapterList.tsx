// A section's chapters with their summaries (course and section pages, home page).
import Link from "next/link";
import type { Section } from "@/lib/content/load";
import { ReadMark } from "@/components/progress/ReadMark";

export function ChapterList({ section }: { section: Section }) {
  return (
    <ol className="chapter-list">
      {section.chapters.map((chapter) => (
        <li key={chapter.slug}>
          <Link href={chapter.href}>
            <span className="num">
              {section.number}.{chapter.number}
            </span>{" "}
            {chapter.title}
          </Link>
          <ReadMark chapterId={chapter.id} />
          <p className="muted">{chapter.summary}</p>
        </li>
      ))}
    </ol>
  );
}
