// generated/course-figures.ts is written by scripts/build-figures.mjs before every build and dev
// server (package.json prebuild/predev); declared here, the app type-checks before it exists.
declare module "@/generated/course-figures" {
  import type { CourseFigures } from "@/components/mdx/figures";
  export const courseFigures: CourseFigures[];
}
