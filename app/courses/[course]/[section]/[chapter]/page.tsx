// A chapter: the compiled lesson with menu, breadcrumbs, table of contents and prev/next.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/chapter/Breadcrumbs";
import { ChapterMenu } from "@/components/chapter/ChapterMenu";
import { PrevNext } from "@/components/chapter/PrevNext";
import { Toc } from "@/components/chapter/Toc";
import { AskPanel } from "@/components/ask/AskPanel";
import { FeedbackWidget } from "@/components/feedback/FeedbackWidget";
import { LessonBody } from "@/components/mdx/LessonBody";
import { LessonEnhancer } from "@/components/mdx/LessonEnhancer";
import { ChapterRemaining } from "@/components/progress/ChapterRemaining";
import { MarkReadButton } from "@/components/progress/MarkReadButton";
import { Quiz } from "@/components/quiz/Quiz";
import { compileMdx } from "@/lib/content/compile-mdx.server";
import { getChapter, getCourses } from "@/lib/content/course.server";
import { chaptersInOrder } from "@/lib/content/load";
import { chapterOutline } from "@/lib/progress/outline.server";
import { getQuiz, toPublicQuiz } from "@/lib/quiz/quiz.server";

type Params = { course: string; section: string; chapter: string };

export const dynamicParams = false;

export function generateStaticParams(): Params[] {
  return getCourses().flatMap((course) =>
    chaptersInOrder(course).map((c) => ({ course: c.courseSlug, section: c.sectionSlug, chapter: c.slug })),
  );
}

export async function generateMetadata(props: { params: Promise<Params> }): Promise<Metadata> {
  const p = await props.params;
  const found = getChapter(p.course, p.section, p.chapter);
  return found ? { title: found.chapter.title, description: found.chapter.summary } : {};
}

export default async function ChapterPage(props: { params: Promise<Params> }) {
  const p = await props.params;
  const found = getChapter(p.course, p.section, p.chapter);
  if (!found) notFound();
  const { course, section, chapter, prev, next } = found;
  const { segments, headings } = await compileMdx(chapter);
  const outline = await chapterOutline(chapter);
  // Only the public part of the quiz (no key, rationales or feedback) goes into the page.
  const loadedQuiz = getQuiz(chapter);
  const quiz = loadedQuiz && toPublicQuiz(loadedQuiz);
  const tocHeadings = quiz ? [...headings, { id: "quiz-title", text: quiz.title, depth: 2 as const }] : headings;

  // Title and breadcrumbs inside <main>: the skip link lands before the title, the header stays the only banner.
  return (
    <div className="chapter-layout">
      <div className="chapter-menu-area">
        <ChapterMenu course={course} currentId={chapter.id} />
      </div>
      <main id="main" className="chapter-body" data-chapter-id={chapter.id} data-revision={chapter.revision}>
        <header className="chapter-header">
          <Breadcrumbs
            items={[
              { label: "Courses", href: "/" },
              { label: course.title, href: course.href },
              { label: section.title, href: section.href },
              { label: chapter.title },
            ]}
          />
          <p className="eyebrow">
            Section {chapter.sectionNumber} · Chapter {chapter.number}
          </p>
          <h1>{chapter.title}</h1>
          <p className="lead">{chapter.summary}</p>
        </header>
        <div className="chapter-toc-area">
          <Toc headings={tocHeadings} />
        </div>
        <div className="chapter-main">
          <article className="prose">
            <LessonBody segments={segments} chapterId={chapter.id} revision={chapter.revision} />
          </article>
          {quiz ? <Quiz quiz={quiz} /> : null}
          <ChapterRemaining chapter={outline} />
          <MarkReadButton chapterId={chapter.id} revision={chapter.revision} />
          <FeedbackWidget chapterId={chapter.id} revision={chapter.revision} />
          <PrevNext prev={prev} next={next} />
        </div>
      </main>
      <AskPanel chapterId={chapter.id} revision={chapter.revision} prompts={chapter.prompts} />
      <LessonEnhancer />
    </div>
  );
}
