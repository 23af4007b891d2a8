// The course library that code cells import as "course/dropout" (declared in ../course.md: `library: dropout`).
export { DropoutMLP } from "./model";
export { bernoulliMask, dropout, type DropoutOptions } from "./scratch";
export { assertDropoutRate } from "./rate";
export { checkDropout, reportDropoutCheck, type CheckResult, type LearnerDropout } from "./checks";
