// The course library that code cells import as "course/dropout" (declared in ../course.md: `library: dropout`).
export { DropoutMLP } from "./model";
export { bernoulliMask, dropout, type DropoutOptions } from "./scratch";
export { assertDropoutRate } from "./rate";
// The checkers' verdict type only (LearnerDropout comes with ./exercises/dropout); checking.ts's helpers stay private.
export type { CheckResult } from "./exercises/checking";
// Exercise checkers, one file per chapter (each returns a CheckResult for "@lbr/check").
export * from "./exercises/gradient-descent";
export * from "./exercises/momentum-and-adam";
export * from "./exercises/overfitting-and-regularization";
export * from "./exercises/weight-penalties";
export * from "./exercises/dropout";
export * from "./exercises/monte-carlo-dropout";
export * from "./exercises/batch-normalization";
export * from "./exercises/early-stopping";
