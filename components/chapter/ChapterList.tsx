// A section's chapters with their summaries and the learner's state in each (course and section
// pages, home page).
import "./chapter.css";
import Link from "next/link";
import type { Section } from "@/lib/content/load";
import { chapterOutline } from "@/lib/progress/outline.server";
import { ChapterProgressLine } from "@/components/progress/ChapterProgressLine";

export async function ChapterList({ section }: { section: Section }) {
  const outlines = await Promise.all(section.chapters.map(chapterOutline));
  return (
    <ol className="chapter-list">
      {section.chapters.map((chapter, i) => (
        <li key={chapter.slug}>
          <Link href={chapter.href}>
            <span className="num">
              {section.number}.{chapter.number}
            </span>{" "}
            {chapter.title}
          </Link>
          <ChapterProgressLine chapter={outlines[i]!} />
          <p className="muted">{chapter.summary}</p>
        </li>
      ))}
    </ol>
  );
}
