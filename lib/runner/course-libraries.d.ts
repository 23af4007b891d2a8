// The courses' libraries by module id ("course/<name>"), generated at build time by
// scripts/build-runner.mjs from each course.md's `library:` (content/courses/<course>/lib/index.ts).
declare module "lbr:course-libraries" {
  const libraries: Record<string, unknown>;
  export default libraries;
}
