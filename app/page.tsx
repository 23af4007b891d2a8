// Home: every course with its sections and chapters.
import Link from "next/link";
import { ChapterList } from "@/components/chapter/ChapterList";
import { getCourses } from "@/lib/content/course.server";

export default function HomePage() {
  const courses = getCourses();
  return (
    <main id="main" className="page">
      <h1>Courses</h1>
      <p className="lead">Read a lesson, run its code in your browser, check yourself with a quiz.</p>
      {courses.map((course) => (
        <section key={course.slug} className="course-card" aria-labelledby={`course-${course.slug}`}>
          <h2 id={`course-${course.slug}`}>
            <Link href={course.href}>{course.title}</Link>
          </h2>
          <p>{course.summary}</p>
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
