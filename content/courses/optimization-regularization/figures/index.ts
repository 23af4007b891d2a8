// The figures this course offers its lessons' MDX (name → component). The platform finds this
// file (scripts/build-figures.mjs) and adds its exports to the MDX components; a name may not be
// one the platform or another course uses (docs/decisions/0175-course-figures.md).
export { DropoutExperiment, McDropoutDemo } from "./LabFigures";
export { MaskFigure } from "./MaskFigure";
