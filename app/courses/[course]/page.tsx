// A course: its summary and the chapters of every section.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/chapter/Breadcrumbs";
import { ChapterList } from "@/components/chapter/ChapterList";
import { CourseProgress } from "@/components/progress/CourseProgress";
import { getCourse, getCourses } from "@/lib/content/course.server";
import { courseOutline } from "@/lib/progress/outline.server";

type Params = { course: string };

export const dynamicParams = false;

export function generateStaticParams(): Params[] {
  return getCourses().map((c) => ({ course: c.slug }));
}

export async function generateMetadata(props: { params: Promise<Params> }): Promise<Metadata> {
  const course = getCourse((await props.params).course);
  return course ? { title: course.title, description: course.summary } : {};
}

export default async function CoursePage(props: { params: Promise<Params> }) {
  const course = getCourse((await props.params).course);
  if (!course) notFound();
  const outline = await courseOutline(course);
  return (
    <main id="main" className="page">
      <Breadcrumbs items={[{ label: "Courses", href: "/" }, { label: course.title }]} />
      <h1>{course.title}</h1>
      <p className="lead">{course.summary}</p>
      <CourseProgress courseTitle={course.title} chapters={outline} />
      {course.sections.map((section) => (
        <section key={section.slug} id={section.slug} aria-labelledby={`h-${section.slug}`}>
          <h2 id={`h-${section.slug}`}>
            Section {section.number}. <Link href={section.href}>{section.title}</Link>
          </h2>
          <ChapterList section={section} />
        </section>
      ))}
    </main>
  );
}
