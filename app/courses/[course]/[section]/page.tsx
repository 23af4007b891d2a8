// A section of a course: its chapters.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/chapter/Breadcrumbs";
import { ChapterList } from "@/components/chapter/ChapterList";
import { getCourse, getCourses } from "@/lib/content/course.server";

type Params = { course: string; section: string };

export const dynamicParams = false;

export function generateStaticParams(): Params[] {
  return getCourses().flatMap((c) => c.sections.map((s) => ({ course: c.slug, section: s.slug })));
}

function find(params: Params) {
  const course = getCourse(params.course);
  const section = course?.sections.find((s) => s.slug === params.section);
  return course && section ? { course, section } : undefined;
}

export async function generateMetadata(props: { params: Promise<Params> }): Promise<Metadata> {
  const found = find(await props.params);
  return found ? { title: `${found.section.title} · ${found.course.title}` } : {};
}

export default async function SectionPage(props: { params: Promise<Params> }) {
  const found = find(await props.params);
  if (!found) notFound();
  const { course, section } = found;
  return (
    <main id="main" className="page">
      <Breadcrumbs items={[{ label: "Courses", href: "/" }, { label: course.title, href: course.href }, { label: section.title }]} />
      <p className="eyebrow">Section {section.number}</p>
      <h1>{section.title}</h1>
      <ChapterList section={section} />
    </main>
  );
}
