// The components MDX lessons can use: the platform's own, and the figures each course offers from
// its figures/index.ts (generated/course-figures.ts, written by scripts/build-figures.mjs; decision
// 0175). Listings and tables get their markup in the compile step (lib/content/lesson-html.ts), so
// they need no components here.
import { courseFigures } from "@/generated/course-figures";
import { Callout } from "./Callout";
import { withCourseFigures } from "./figures";

/** LessonBody adds these per page (bound to the chapter); no course figure may take their names. */
const PAGE_COMPONENTS = ["CodeCell", "Exercise", "ExerciseHint", "Hint"];

export const mdxComponents = withCourseFigures({ Callout }, PAGE_COMPONENTS, courseFigures);
