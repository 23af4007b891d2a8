// The course's sections and chapters, current chapter marked, read chapters ticked.
import "./chapter.css";
import Link from "next/link";
import type { Course } from "@/lib/content/load";
import { ReadMark } from "@/components/progress/ReadMark";
import { Disclosure } from "./Disclosure";

export function ChapterMenu({ course, currentId }: { course: Course; currentId?: string }) {
  return (
    <Disclosure
      name="menu"
      label={
        <>
          <span aria-hidden="true">☰</span> Chapters
        </>
      }
    >
      <nav aria-label="Course chapters" className="chapter-menu">
        <p className="chapter-menu-course">
          <Link href={course.href}>{course.title}</Link>
        </p>
        <ol className="chapter-menu-sections">
          {course.sections.map((section) => (
            <li key={section.slug}>
              <p className="chapter-menu-section">
                <span className="num">{section.number}.</span> {section.title}
              </p>
              <ol>
                {section.chapters.map((chapter) => (
                  <li key={chapter.slug}>
                    <Link href={chapter.href} aria-current={chapter.id === currentId ? "page" : undefined} className="chapter-menu-link">
                      <span className="num">
                        {section.number}.{chapter.number}
                      </span>{" "}
                      <span className="chapter-menu-title">{chapter.title}</span>
                      <ReadMark chapterId={chapter.id} />
                    </Link>
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
      </nav>
    </Disclosure>
  );
}
