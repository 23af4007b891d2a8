// Course figures (docs/decisions/0175-course-figures.md): a course offers its lessons MDX
// components from its own figures/index.ts; scripts/build-figures.mjs lists those files in
// generated/course-figures.ts, and this adds their exports to the platform's components. A name
// is offered once: a clash throws naming both owners, which fails the build (every chapter page
// evaluates the component map) and `next dev`'s chapter pages.

/** One course's figures index: its exports by name. */
export type CourseFigures = { course: string; index: string; figures: Readonly<Record<string, unknown>> };

const PLATFORM = "the platform (components/mdx/)";

export function withCourseFigures(
  platform: Readonly<Record<string, unknown>>,
  /** Names the lesson page adds itself (components/mdx/LessonBody.tsx). */
  pageComponents: readonly string[],
  courses: readonly CourseFigures[],
): Record<string, unknown> {
  const owners = new Map([...Object.keys(platform), ...pageComponents].map((name) => [name, PLATFORM]));
  const merged: Record<string, unknown> = { ...platform };
  for (const { course, index, figures } of courses) {
    const owner = `course "${course}" (${index})`;
    for (const [name, component] of Object.entries(figures)) {
      if (name === "__esModule") continue; // a bundler's marker on some module namespaces
      if (!/^[A-Z][A-Za-z0-9]*$/.test(name))
        throw new Error(
          `Course figures: ${owner} exports "${name}"; a figure's name starts with a capital letter (MDX reads lower case as HTML)`,
        );
      const other = owners.get(name);
      if (other) throw new Error(`Course figures: <${name}> is offered by both ${other} and ${owner}; rename one of them`);
      owners.set(name, owner);
      merged[name] = component;
    }
  }
  return merged;
}
