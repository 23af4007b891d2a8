// Home: every course with its sections and chapters.
import Link from "next/link";
import { ChapterList } from "@/components/chapter/ChapterList";
import { CourseProgress } from "@/components/progress/CourseProgress";
import { getCourses } from "@/lib/content/course.server";
import { courseOutline } from "@/lib/progress/outline.server";

export default async function HomePage() {
  const courses = getCourses();
  const outlines = await Promise.all(courses.map(courseOutline));
  return (
    <main id="main" className="page">
      <h1>Courses</h1>
      <p className="lead">Read a lesson, run its code in your browser, check yourself with a quiz.</p>
      {courses.map((course, i) => (
        <section key={course.slug} className="course-card" aria-labelledby={`course-${course.slug}`}>
          <h2 id={`course-${course.slug}`}>
            <Link href={course.href}>{course.title}</Link>
          </h2>
          <p>{course.summary}</p>
          <CourseProgress courseTitle={course.title} chapters={outlines[i]!} />
          {course.sections.map((section) => (
            <div key={section.slug}>
              <h3>
                Section {section.number}. <Link href={section.href}>{section.title}</Link>
              </h3>
              <ChapterList section={section} />
            </div>
          ))}
        </section>
      ))}
    </main>
  );
}
